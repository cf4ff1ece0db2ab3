import type { LegalBasisEntry } from '../types.js';

/**
 * Legal bases that make an otherwise flagged requirement lawful, modelled on Japan's coded age-limit
 * exceptions (雇用対策法施行規則 1条の3). A posting cites a code; the engine accepts it only inside the
 * basis's legal scope: the categories it covers, the occupations it covers (by 2022 classification or
 * ISCO-08 code prefix; a vacancy without an occupation code is out of scope) and, for age bases, the ages
 * it allows. Even then a justified finding never publishes by itself: the outcome is 'review', and the
 * reviewer sees the basis with its scope (issue 18).
 */
export const LEGAL_BASES: readonly LegalBasisEntry[] = [
  {
    code: 'CN-MINOR-16',
    zh: '法定最低就业年龄16周岁，禁止招用未满16周岁的未成年人',
    en: 'Statutory minimum working age of 16; employing children under 16 is prohibited',
    source: { zh: '《劳动法》第15条；《禁止使用童工规定》', en: 'Labour Law art. 15; Provisions on Prohibiting Child Labour' },
    categories: ['age'],
    ages: { max: 16 },
    scope: {
      zh: '仅适用于“年满16周岁”这一法定最低年龄，不适用于其他年龄上下限。',
      en: 'Covers only the statutory minimum age of 16, no other age bound.',
    },
  },
  {
    code: 'CN-MINOR-18-HAZARD',
    zh: '未成年工（16–18周岁）不得从事矿山井下、有毒有害、国家规定的第四级体力劳动强度及其他禁忌劳动',
    en: 'Juvenile workers (16–18) may not do mining underground, toxic/hazardous, grade-IV heavy or other forbidden work',
    source: { zh: '《劳动法》第64条；《未成年工特殊保护规定》', en: 'Labour Law art. 64; Special Protection of Juvenile Workers Provisions' },
    categories: ['age'],
    ages: { max: 18 },
    occupations: {
      cn2022: ['2-02-03', '6-10', '6-11', '6-16', '6-17', '6-29-02-07'],
      isco: ['3117', '3121', '811', '812', '813', '7542', '9311'],
      label: { zh: '矿山井下、冶炼、化工、爆破等禁忌劳动岗位', en: 'mining, smelting, chemical, blasting and other work barred to juvenile workers' },
    },
    scope: {
      zh: '仅适用于矿山井下、有毒有害、第四级体力劳动强度等未成年工禁忌岗位，且只能把最低年龄定为18周岁。',
      en: 'Only for work barred to juvenile workers (mining, toxic/hazardous, grade-IV heavy work), and only a minimum age of 18.',
    },
  },
  {
    code: 'CN-FEMALE-PROTECT',
    zh: '女职工禁忌从事的劳动范围（如矿山井下作业、第四级体力劳动强度作业）及孕期、哺乳期禁忌作业',
    en: 'Work women (or pregnant/nursing women) may not do under the forbidden-work list, e.g. underground mining',
    source: {
      zh: '《劳动法》第59–63条；《女职工劳动保护特别规定》附录',
      en: 'Labour Law arts. 59–63; Special Provisions on Labour Protection of Female Employees, annex',
    },
    categories: ['sex'],
    occupations: {
      cn2022: ['6-16', '2-02-03-01', '2-02-03-02', '2-02-03-03', '6-29-02-07'],
      isco: ['3121', '811', '9311', '7542'],
      label: { zh: '矿山井下作业、爆破等女职工禁忌劳动岗位', en: 'underground mining, blasting and other work barred to women' },
    },
    scope: {
      zh: '仅适用于《女职工劳动保护特别规定》附录所列女职工禁忌从事的岗位（如矿山井下作业）；不适用于婚育条件，也不适用于一般岗位。',
      en: 'Only for jobs on the list of work barred to women (e.g. underground mining); never for marital or childbearing conditions, nor for ordinary jobs.',
    },
  },
  {
    code: 'CN-HEALTH-FOOD',
    zh: '从事接触直接入口食品工作的人员须取得健康证明，患有国务院卫生行政部门规定的有碍食品安全疾病的不得上岗',
    en: 'Food handlers need a health certificate; people with diseases listed as hindering food safety may not handle food',
    source: { zh: '《食品安全法》第45条', en: 'Food Safety Law art. 45' },
    categories: ['health_disease'],
    occupations: {
      cn2022: ['4-03-02', '6-01', '6-02', '4-08-05-01'],
      isco: ['3434', '512', '5131', '5132', '5246', '751', '816', '941', '9412'],
      label: { zh: '接触直接入口食品的餐饮、食品加工岗位', en: 'catering and food-processing jobs handling ready-to-eat food' },
    },
    scope: {
      zh: '仅适用于接触直接入口食品的岗位，且只能要求健康证明、排除有碍食品安全的疾病（不含乙肝、艾滋病）。',
      en: 'Only for jobs handling ready-to-eat food, and only a health certificate / diseases hindering food safety (never hepatitis B or HIV).',
    },
  },
  {
    code: 'CN-HEALTH-CHILDCARE',
    zh: '托幼机构工作人员上岗前须经健康检查合格',
    en: 'Childcare staff must pass a health examination before starting work',
    source: { zh: '《托儿所幼儿园卫生保健管理办法》第13条', en: 'Measures on Health Care in Nurseries and Kindergartens art. 13' },
    categories: ['health_disease'],
    occupations: {
      cn2022: ['2-08-03', '4-10-01'],
      isco: ['2342', '5311', '5312'],
      label: { zh: '托育机构、幼儿园的保育和教学岗位', en: 'nursery and kindergarten care and teaching jobs' },
    },
    scope: {
      zh: '仅适用于托育机构、幼儿园工作人员的上岗健康检查。',
      en: 'Only the pre-employment health examination of nursery and kindergarten staff.',
    },
  },
  {
    code: 'CN-HEALTH-PUBLIC-PLACE',
    zh: '公共场所直接为顾客服务的从业人员须取得健康合格证明',
    en: 'Staff serving customers directly in public places need a health certificate',
    source: { zh: '《公共场所卫生管理条例》第7条', en: 'Regulations on Hygiene in Public Places art. 7' },
    categories: ['health_disease'],
    occupations: {
      cn2022: ['4-03', '4-10-03', '4-10-04', '4-14'],
      isco: ['4224', '5131', '5141', '5142', '5151', '5152', '9112', '3423', '5113'],
      label: { zh: '宾馆、餐厅、美容美发、浴池等公共场所直接服务顾客的岗位', en: 'jobs serving customers directly in hotels, restaurants, hair/beauty salons, baths and similar public places' },
    },
    scope: {
      zh: '仅适用于公共场所直接为顾客服务的岗位，且只能要求健康合格证明。',
      en: 'Only jobs serving customers directly in public places, and only a health certificate.',
    },
  },
  {
    code: 'CN-LICENSE-DRIVER',
    zh: '机动车驾驶证申领的年龄、身高、视力等身体条件',
    en: 'Age, height, eyesight and other physical conditions for holding the required driving licence class',
    source: { zh: '《机动车驾驶证申领和使用规定》第14–15条', en: 'Provisions on Applying for and Using Motor Vehicle Driving Licences arts. 14–15' },
    categories: ['age', 'health_disease', 'appearance_height'],
    occupations: {
      cn2022: ['4-02-02', '6-30-01'],
      isco: ['832', '833'],
      label: { zh: '需持机动车驾驶证的驾驶岗位', en: 'driving jobs that need a motor-vehicle driving licence' },
    },
    scope: {
      zh: '仅适用于需持相应准驾车型驾驶证的驾驶岗位，条件不得超出驾驶证申领规定。',
      en: 'Only driving jobs that need the licence class, and no condition beyond the licensing rules.',
    },
  },
  {
    code: 'CN-SPECIAL-OPS',
    zh: '特种作业人员须年满18周岁、不超过法定退休年龄、无妨碍从事相应特种作业的疾病和生理缺陷',
    en: 'Special-operations workers must be 18 to statutory retirement age and free of conditions that prevent the operation',
    source: { zh: '《特种作业人员安全技术培训考核管理规定》第4条', en: 'Provisions on Safety Training and Assessment of Special Operations Personnel art. 4' },
    categories: ['age', 'health_disease'],
    occupations: {
      cn2022: ['6-31-01-03', '6-18-02-04', '6-18-03-04', '6-29-02-07', '6-29-03-05', '6-11-01-04', '6-16', '6-28', '6-30'],
      isco: ['3113', '7127', '7212', '741', '811', '8343', '8344', '3131'],
      label: { zh: '电工、焊工、高处作业、制冷、爆破、矿山安全等特种作业岗位', en: 'special operations: electricians, welders, work at height, refrigeration, blasting, mine safety' },
    },
    scope: {
      zh: '仅适用于特种作业岗位，且年龄条件只能是18周岁至法定退休年龄。',
      en: 'Only special-operations jobs, and age only between 18 and the statutory retirement age.',
    },
  },
  {
    code: 'CN-RETIREMENT-AGE',
    zh: '年龄上限为法定退休年龄',
    en: 'Upper age limit equal to the statutory retirement age',
    source: {
      zh: '《全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定》（2024）',
      en: 'NPCSC Decision on gradually raising the statutory retirement age (2024)',
    },
    categories: ['age'],
    ages: { min: 50 },
    scope: {
      zh: '仅适用于把年龄上限定为法定退休年龄（50周岁及以上）的情形，不适用于“35岁以下”等更低的上限。',
      en: 'Only an upper age limit equal to the statutory retirement age (50 or more), never a lower limit such as "under 35".',
    },
  },
  {
    code: 'CN-CIVIL-SERVICE',
    zh: '公务员录用的法定资格条件（年龄、户籍等按招录公告）',
    en: 'Statutory eligibility for civil-service recruitment (age, household registration as set in the recruitment notice)',
    source: { zh: '《公务员法》第13条；《公务员录用规定》', en: 'Civil Servant Law art. 13; Civil Servant Recruitment Provisions' },
    categories: ['age', 'household_registration', 'other'],
    occupations: {
      cn2022: ['1-01', '1-02', '3-01-01', '3-02-01'],
      isco: ['111', '2422', '335', '5412'],
      label: { zh: '公务员及参照公务员法管理的机关岗位', en: 'civil-service posts and posts managed under the Civil Servant Law' },
    },
    scope: {
      zh: '仅适用于公务员招录（及参照公务员法管理的机关），条件以招录公告为准；不适用于企业岗位。',
      en: 'Only civil-service recruitment (and bodies managed under the Civil Servant Law), as set in the notice; never for company jobs.',
    },
  },
  {
    code: 'CN-ARMY',
    zh: '征兵与军队文职人员的年龄、性别、身体和婚姻条件',
    en: 'Age, sex, physical and marital conditions for military conscription and civilian military posts',
    source: { zh: '《兵役法》；《征兵工作条例》；《应征公民体格检查标准》', en: 'Military Service Law; Conscription Regulations; conscript medical standards' },
    categories: ['age', 'sex', 'health_disease', 'appearance_height', 'marital_childbearing', 'disability'],
    occupations: {
      cn2022: ['7'],
      isco: ['0'],
      label: { zh: '军队人员（军官、军士、义务兵、文职人员）', en: 'armed forces (officers, NCOs, conscripts, civilian posts)' },
    },
    scope: {
      zh: '仅适用于征兵及军队文职人员招录，不适用于企业、保安等民用岗位。',
      en: 'Only conscription and civilian military posts; never civilian jobs such as company or security-guard posts.',
    },
  },
  {
    code: 'CN-AVIATION-CREW',
    zh: '民用航空空勤人员体检合格证的身体条件',
    en: 'Medical and physical standards for civil aviation crew certificates',
    source: { zh: '《民用航空人员体检合格证管理规则》（CCAR-67FS）', en: 'CAAC rules on medical certificates for civil aviation personnel (CCAR-67FS)' },
    categories: ['health_disease', 'appearance_height', 'disability'],
    occupations: {
      cn2022: ['2-04-01', '4-02-04-01', '2-02-16-02'],
      isco: ['3153', '3154', '5111'],
      label: { zh: '飞行员、乘务员、空中交通管制员等须持体检合格证的民航岗位', en: 'pilots, cabin crew and air traffic controllers needing a medical certificate' },
    },
    scope: {
      zh: '仅适用于须持民航体检合格证的空勤和空管岗位。',
      en: 'Only aircrew and air-traffic posts that need a civil aviation medical certificate.',
    },
  },
  {
    code: 'CN-FOREIGN-LANG-TEACHER',
    zh: '外籍语言教师应为所教语言的母语国家人员',
    en: 'Foreign language teachers must come from a country where the language taught is the native language',
    source: { zh: '外国人来华工作许可：外籍语言教学人员条件', en: 'Foreigners’ work permit conditions for foreign language teachers' },
    categories: ['other'],
    occupations: {
      cn2022: ['2-08', '4-13'],
      isco: ['23'],
      label: { zh: '语言教学岗位', en: 'language teaching jobs' },
    },
    scope: {
      zh: '仅适用于招聘外籍语言教师时的“母语国家”条件。',
      en: 'Only the "native-speaker country" condition when hiring foreign language teachers.',
    },
  },
];

const BY_CODE = new Map(LEGAL_BASES.map((b) => [b.code, b]));

export function legalBasis(code: string): LegalBasisEntry | undefined {
  return BY_CODE.get(code);
}
