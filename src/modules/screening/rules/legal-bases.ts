import type { LegalBasisEntry } from '../types.js';

/**
 * Legal bases that make an otherwise flagged requirement lawful, modelled on Japan's coded age-limit
 * exceptions (雇用対策法施行規則 1条の3). A posting cites a code; the engine checks that the code exists
 * and that it can justify the finding's category. Whether the job really falls under the basis is for
 * PES staff to check, so a justified finding stays visible (status 'justified').
 */
export const LEGAL_BASES: readonly LegalBasisEntry[] = [
  {
    code: 'CN-MINOR-16',
    zh: '法定最低就业年龄16周岁，禁止招用未满16周岁的未成年人',
    en: 'Statutory minimum working age of 16; employing children under 16 is prohibited',
    source: { zh: '《劳动法》第15条；《禁止使用童工规定》', en: 'Labour Law art. 15; Provisions on Prohibiting Child Labour' },
    categories: ['age'],
  },
  {
    code: 'CN-MINOR-18-HAZARD',
    zh: '未成年工（16–18周岁）不得从事矿山井下、有毒有害、国家规定的第四级体力劳动强度及其他禁忌劳动',
    en: 'Juvenile workers (16–18) may not do mining underground, toxic/hazardous, grade-IV heavy or other forbidden work',
    source: { zh: '《劳动法》第64条；《未成年工特殊保护规定》', en: 'Labour Law art. 64; Special Protection of Juvenile Workers Provisions' },
    categories: ['age'],
  },
  {
    code: 'CN-FEMALE-PROTECT',
    zh: '女职工禁忌从事的劳动范围（如矿山井下作业、第四级体力劳动强度作业）及孕期、哺乳期禁忌作业',
    en: 'Work women (or pregnant/nursing women) may not do under the forbidden-work list, e.g. underground mining',
    source: {
      zh: '《劳动法》第59–63条；《女职工劳动保护特别规定》附录',
      en: 'Labour Law arts. 59–63; Special Provisions on Labour Protection of Female Employees, annex',
    },
    categories: ['sex', 'marital_childbearing'],
  },
  {
    code: 'CN-HEALTH-FOOD',
    zh: '从事接触直接入口食品工作的人员须取得健康证明，患有国务院卫生行政部门规定的有碍食品安全疾病的不得上岗',
    en: 'Food handlers need a health certificate; people with diseases listed as hindering food safety may not handle food',
    source: { zh: '《食品安全法》第45条', en: 'Food Safety Law art. 45' },
    categories: ['health_disease'],
  },
  {
    code: 'CN-HEALTH-CHILDCARE',
    zh: '托幼机构工作人员上岗前须经健康检查合格',
    en: 'Childcare staff must pass a health examination before starting work',
    source: { zh: '《托儿所幼儿园卫生保健管理办法》第13条', en: 'Measures on Health Care in Nurseries and Kindergartens art. 13' },
    categories: ['health_disease'],
  },
  {
    code: 'CN-HEALTH-PUBLIC-PLACE',
    zh: '公共场所直接为顾客服务的从业人员须取得健康合格证明',
    en: 'Staff serving customers directly in public places need a health certificate',
    source: { zh: '《公共场所卫生管理条例》第7条', en: 'Regulations on Hygiene in Public Places art. 7' },
    categories: ['health_disease'],
  },
  {
    code: 'CN-LICENSE-DRIVER',
    zh: '机动车驾驶证申领的年龄、身高、视力等身体条件',
    en: 'Age, height, eyesight and other physical conditions for holding the required driving licence class',
    source: { zh: '《机动车驾驶证申领和使用规定》第14–15条', en: 'Provisions on Applying for and Using Motor Vehicle Driving Licences arts. 14–15' },
    categories: ['age', 'health_disease', 'appearance_height'],
  },
  {
    code: 'CN-SPECIAL-OPS',
    zh: '特种作业人员须年满18周岁、不超过法定退休年龄、无妨碍从事相应特种作业的疾病和生理缺陷',
    en: 'Special-operations workers must be 18 to statutory retirement age and free of conditions that prevent the operation',
    source: { zh: '《特种作业人员安全技术培训考核管理规定》第4条', en: 'Provisions on Safety Training and Assessment of Special Operations Personnel art. 4' },
    categories: ['age', 'health_disease'],
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
  },
  {
    code: 'CN-CIVIL-SERVICE',
    zh: '公务员录用的法定资格条件（年龄、户籍等按招录公告）',
    en: 'Statutory eligibility for civil-service recruitment (age, household registration as set in the recruitment notice)',
    source: { zh: '《公务员法》第13条；《公务员录用规定》', en: 'Civil Servant Law art. 13; Civil Servant Recruitment Provisions' },
    categories: ['age', 'household_registration', 'other'],
  },
  {
    code: 'CN-ARMY',
    zh: '征兵与军队文职人员的年龄、性别、身体和婚姻条件',
    en: 'Age, sex, physical and marital conditions for military conscription and civilian military posts',
    source: { zh: '《兵役法》；《征兵工作条例》；《应征公民体格检查标准》', en: 'Military Service Law; Conscription Regulations; conscript medical standards' },
    categories: ['age', 'sex', 'health_disease', 'appearance_height', 'marital_childbearing', 'disability'],
  },
  {
    code: 'CN-AVIATION-CREW',
    zh: '民用航空空勤人员体检合格证的身体条件',
    en: 'Medical and physical standards for civil aviation crew certificates',
    source: { zh: '《民用航空人员体检合格证管理规则》（CCAR-67FS）', en: 'CAAC rules on medical certificates for civil aviation personnel (CCAR-67FS)' },
    categories: ['health_disease', 'appearance_height', 'disability'],
  },
  {
    code: 'CN-FOREIGN-LANG-TEACHER',
    zh: '外籍语言教师应为所教语言的母语国家人员',
    en: 'Foreign language teachers must come from a country where the language taught is the native language',
    source: { zh: '外国人来华工作许可：外籍语言教学人员条件', en: 'Foreigners’ work permit conditions for foreign language teachers' },
    categories: ['other'],
  },
];

const BY_CODE = new Map(LEGAL_BASES.map((b) => [b.code, b]));

export function legalBasis(code: string): LegalBasisEntry | undefined {
  return BY_CODE.get(code);
}
