import { readFileSync } from 'node:fs';
import type { CoderData } from './types.js';
import { loadZhSkillMap } from './zh-skills.js';

// Seeds live at the project root (seeds/taxonomy), four levels above this folder.
const SEEDS = new URL('../../../../seeds/taxonomy/', import.meta.url);

function json<T>(url: URL): T {
  return JSON.parse(readFileSync(url, 'utf8')) as T;
}

/** Reads the committed seed files (~5 MB of JSON, ~150 ms). */
export function loadDefaultCoderData(): CoderData {
  return {
    escoOccupations: json(new URL('esco-occupations.json', SEEDS)),
    iscoGroups: json(new URL('isco-groups.json', SEEDS)),
    cnOccupations: json(new URL('cn-occupations.json', SEEDS)),
    escoSkills: json(new URL('esco-skills.json', SEEDS)),
    occupationSkills: json(new URL('occupation-skills.json', SEEDS)),
    zhMap: json<{ entries: CoderData['zhMap'] }>(new URL('./zh-isco-map.json', import.meta.url)).entries,
    // A loader, not the list: read on the first skill lookup, like the skill index.
    zhSkillMap: loadZhSkillMap,
  };
}
