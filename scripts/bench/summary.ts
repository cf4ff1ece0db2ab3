/** `npm run bench -- summary`: the latest figure of every benchmark against its target (from artifacts/bench/). */
import { summaryTable } from './results.js';

console.log(summaryTable());
