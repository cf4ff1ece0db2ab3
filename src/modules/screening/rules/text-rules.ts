import type { Category, Severity, TextRule } from '../types.js';

/*
 * Text rules as data. The engine compiles every pattern/phrase case-insensitively and drops a match that
 * overlaps a match of one of the rule's exceptions or of its category's exceptions (CATEGORY_EXCEPTIONS).
 * Patterns run on text whose full-width ASCII has been folded to half-width (length-preserving), so
 * "３５岁" and "ＱＱ" match too.
 *
 * Severity choices (see docs/eval/screening.md):
 * - block: wording the law forbids outright (Employment Promotion Law arts. 26–31, 就业服务与就业管理规定
 *   art. 20, the 2019 notice 人社部发〔2019〕17号 on sex discrimination, Labour Contract Law art. 9 on deposits).
 *   Sex *preferences* (男性优先 and 女士优先 alike) are block: the 2019 notice names "限定性别或性别优先" itself.
 * - review: no statute forbids it outright but PES should look (age limits, height, looks, private contact
 *   channels, "native speaker"), or the wording is ambiguous (宝妈优先 may be a 妈妈岗 scheme).
 * - hint: soft wording worth rewording (五官端正, 形象气质佳, "young and energetic"); never holds a posting.
 */

const REQUIRE = '(?:仅|只|限|只限|仅限|限招|只招|仅招|只收|仅收|只要|只录用?|要求|需要|需|须|必须是?)';
const REFUSE = '(?:勿扰|免谈|止步|不要|不招|不收|除外|谢绝|不考虑|不予考虑|不予录用|慎投|勿投|莫扰)';
const NOT_HIRE = '不(?:招|收|要|录用?|考虑|接受)';
const MALE_FEMALE = '(?<![子儿侄孙妇少])(?:男|女)(?:性|士|生|孩|的)?';
const ETHNIC = '(?:汉|回|藏|维吾尔|维|蒙古|壮|满|苗|彝|土家|朝鲜|哈萨克|傣|黎|瑶|侗|布依|少数民)族';
const PROVINCE =
  '(?:北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|内蒙古?|广西|宁夏|东北|本地|本市|本省|本县|本区|外省|外地|农村)';
/** One bound of a sex-differentiated condition: 170cm以上, 1.60米, 35岁以下, 不低于165. */
const SEX_DIFF_BOUND =
  '(?:不低于|不高于|不超过|不少于|低于|高于|在|需|须|要求)?\\s*(?:\\d{1,3}(?:\\.\\d{1,2})?)\\s*(?:cm|厘米|公分|米|m|周?岁|kg|公斤|斤)?\\s*(?:以上|以下|以内|及以上|及以下|或以上|左右)?';
const AGE_RANGE_SEP = '(?:[-—–~～至到]|－)';
const FEE_WORDS = '(?:押金|保证金|培训费|服装费|工服费|工装费|体检费|报名费|介绍费|中介费|上岗费|资料费|办证费|工牌费|胸卡费|风险金)';
const EN_NUM_UNITS =
  '(?!\\s*(?:%|\\+|k\\b|ms\\b|s\\b|seconds?|px|mb|gb|usd|rmb|yuan|元|万|people|persons|employees|staff|members|hours?|days?|months?|minutes?|mins?|kg|cm|wpm|words|clients|countries|years?\\s+(?:of\\s+)?(?:work\\s+)?experience|yrs?\\s+(?:of\\s+)?experience))';

/** Allowed wording per category: "不限" family, positive action, benefits. Applies to every rule of the category. */
export const CATEGORY_EXCEPTIONS: Partial<Record<Category, string[]>> = {
  sex: [
    '男女|女男',
    '男\\s*[/、和及或与]\\s*女|女\\s*[/、和及或与]\\s*男',
    '不限性别|性别不限|性别无要求|性别无限制|不论性别|不分性别|无性别要求|性别不论',
    '欢迎女性|女性(?:亦可|也可|均可|同等)',
    '女职工|妇女|女装|男装|男鞋|女鞋|女性用品|女子(?:学院|医院)',
    '\\bregardless of (?:gender|sex)\\b',
    '\\b(?:male|men|man)\\s*(?:or|and|/|&)\\s*(?:female|women|woman)\\b',
    '\\b(?:female|women|woman)\\s*(?:or|and|/|&)\\s*(?:male|men|man)\\b',
    '\\b(?:all|any) genders?\\b|\\bgender[- ]neutral\\b|\\bequal opportunit(?:y|ies)\\b',
    '\\bwomen (?:are )?(?:welcome|encouraged)\\b',
  ],
  age: [
    '年龄不限|不限年龄|年龄无要求|年龄无限制|不论年龄|不分年龄|年龄不论|年龄不是问题|不设年龄|年龄可放宽',
    // The statutory minimum ages (16, and 18 for work barred to juvenile workers) are not age discrimination.
    '(?:年满|满)\\s*1[68]\\s*周?岁(?:以上)?|1[68]\\s*周?岁\\s*(?:以上|及以上)',
    // Positive action for the "4050" hard-to-employ group.
    '(?:40|45|50)\\s*周?岁以上(?:的)?(?:人员|求职者|劳动者|失业人员)?(?:优先|亦可|可|欢迎)|欢迎(?:40|45|50)\\s*周?岁以上',
    // Ages that describe customers or pupils, not applicants.
    `\\d{1,2}\\s*${AGE_RANGE_SEP}?\\s*\\d{0,2}\\s*周?岁(?:以下|以上)?(?:的)?(?:儿童|孩子|宝宝|幼儿|婴幼儿|小孩|青少年|学生|老人|长者|学员|患者|用户|客户)`,
    '\\bregardless of age\\b|\\ball ages\\b|\\bno age (?:limit|restriction|requirement)s?\\b|\\bage is (?:not|no) (?:a )?(?:factor|barrier|limit)\\b',
    '\\b(?:at least|minimum age(?: of)?)\\s*1[68]\\b|\\b1[68]\\s*(?:years? (?:old|of age))?\\s*(?:or older|and (?:over|above)|\\+)',
    '\\b(?:children|kids|pupils|students) (?:aged|under|below) \\d{1,2}\\b',
    '\\bunder\\s+(?:the\\s+age\\s+of\\s+)?1[68]\\b',
  ],
  ethnicity_race: [
    '民族不限|不限民族|各民族|不论民族|民族平等|民族团结',
    '少数民族(?:人员|同胞|考生|毕业生|求职者)?(?:优先|欢迎|亦可|可|同等条件下优先)|欢迎(?:各族|少数民族)',
    '\\bregardless of (?:race|ethnicity|ethnic origin|colou?r|national origin)\\b|\\ball (?:races|ethnicities|backgrounds)\\b|\\bequal opportunit(?:y|ies)\\b',
  ],
  religion: [
    '信仰\\s*[:：]?\\s*不限|宗教信仰自由|尊重[\\u4e00-\\u9fa5]{0,4}信仰|不限(?:宗教)?信仰|(?:宗教)?信仰不限|不论(?:宗教)?信仰|清真(?:餐|食堂|饮食)',
    '\\bregardless of (?:religion|faith|belief|creed)\\b|\\ball (?:faiths|religions)\\b',
  ],
  household_registration: [
    '(?:解决|办理|落户|提供|协助|帮助|帮忙|可落|可解决|有机会|申请|获得)\\s*[\\u4e00-\\u9fa5]{0,4}(?:户口|户籍)',
    '(?:户口|户籍)\\s*(?:不限|无要求|无限制|指标|可迁|迁入|落户|挂靠)',
    '(?:户口|户籍|籍贯)\\s*[:：]?\\s*不限|不限(?:户口|户籍|籍贯)|(?:户籍|籍贯)不限|不论(?:户口|户籍|籍贯)|本地生活',
    '\\b(?:help|assist|support|sponsor|provide|offer)\\w*\\s+(?:with\\s+)?(?:\\w+\\s+)?hukou\\b|\\bhukou\\s+(?:not required|is not required|not needed|sponsorship|support|quota)\\b',
    '\\bregardless of (?:hukou|household registration|origin|hometown)\\b',
  ],
  marital_childbearing: [
    '(?:婚否|婚姻|婚育)(?:状况)?\\s*[:：]?\\s*不限|婚否不限|婚姻不限|婚育不限|不限婚育|不限婚否|不限婚姻|婚姻状况不限|婚育状况不限|不论婚育|不论婚否',
    '妈妈岗|婚假|产假|育儿假|陪产假|生育津贴|生育保险|夫妻房|未婚夫|未婚妻|单身(?:公寓|宿舍|贵族|派对)',
    '\\bregardless of (?:marital|family|pregnancy)\\b|\\bmarital status (?:is )?(?:not|no) (?:a )?(?:factor|requirement)\\b|\\b(?:maternity|paternity|parental) (?:leave|benefits?)\\b',
  ],
  health_disease: [
    '乙肝(?:疫苗|药物|新药|治疗|诊疗|研发|项目|检测试剂|诊断|病毒研究|防治)|(?:艾滋|HIV)\\S{0,2}(?:防治|药物|研发|宣传|检测试剂|疫苗)',
    '(?<!不)(?:欢迎|接受|不歧视|不限)\\s*(?:乙肝|艾滋|HIV)|乙肝(?:病原)?(?:携带者)?\\s*(?:亦可|可以|欢迎|均可|不影响)',
    '不(?:做|查|检测?|检查)\\s*(?:乙肝|两对半)',
    '\\b(?:hepatitis B|HBV|HIV)\\s+(?:vaccines?|drugs?|therap\\w+|treatment|research|diagnostics?|prevention)\\b',
    '\\b(?:hepatitis B|HBV|HIV) carriers? (?:are )?welcome\\b',
  ],
  disability: [
    '欢迎残(?:疾|障)|残(?:疾|障)(?:人|人士|者)?\\s*(?:优先|亦可|可|欢迎|均可|同等条件下优先|岗位|就业|专岗|联合会|保障金)|助残|扶残',
    '\\b(?:disabled|people with disabilities|persons with disabilities|applicants with disabilities|candidates with disabilities)\\s*(?:are\\s+)?(?:welcome|encouraged|preferred)\\b',
    '\\bwelcom\\w*\\s+(?:applications?\\s+from\\s+)?(?:disabled|people with disabilities|applicants with disabilities|persons with disabilities)\\b',
    '\\breasonable accommodations?\\b|\\bdisability[- ](?:confident|friendly|inclusive)\\b',
  ],
  fees: [
    '(?:不|无|免|免收|无需|不需要?|不用|无须|无任何|不收取?(?:任何)?|拒绝|不存在|不得收取)\\s*(?:任何)?(?:缴纳|交纳|收取|支付|交|缴|付)?\\s*(?:任何)?' +
      FEE_WORDS.slice(0, -1) +
      '|费用|收费)',
    FEE_WORDS + '\\s*(?:全部|均)?\\s*(?:由)?\\s*(?:公司|单位|企业|我司|厂方|厂里|雇主)\\s*(?:承担|报销|负责|支付|出|买单)',
    '(?:报销|公司承担|公司报销|公司出|公司支付|免费|包)\\s*(?:入职)?(?:体检费?|培训费?|工作服|工装|服装费?)',
    '保证金(?:管理|业务|账户|交易|比例|制度|融资)',
    '\\bno\\s+(?:\\w+\\s+)?(?:deposits?|fees?|charges?)\\b|\\bfree\\s+(?:training|uniforms?|medical)\\b|\\bdirect deposit\\b',
    '\\b(?:fees?|deposits?)\\s+(?:is\\s+|are\\s+|will be\\s+)?(?:fully\\s+)?(?:paid|covered|reimbursed|borne)\\s+by\\b',
    '\\bdeposit(?:ed|s)?\\s+(?:into|to)\\s+(?:your|the)\\s+(?:bank|account)\\b',
  ],
  appearance_height: [
    '帅哥美女(?:多|如云)?|美女(?:多|如云)|(?:团队|同事)\\S{0,4}颜值(?:高|担当)|颜值(?:高)?\\S{0,2}(?:团队|同事)',
    '\\battractive\\s+(?:salary|salaries|package|compensation|benefits?|pay|remuneration|bonus|commission|career|opportunit\\w*|(?:working\\s+)?environment|rates?|terms|incentives?|wages?)\\b',
    '\\bpretty\\s+(?:good|much|well|fast|strong|big|high|busy|flexible|competitive|simple|quickly)\\b',
    '\\bbeautiful\\s*soup\\b',
    '\\bbeautiful\\s+(?:office|campus|environment|city|location|view|workplace|code|design|products?|surroundings|interfaces?)\\b',
  ],
  other: ['母语水平|接近母语|媲美母语', '\\bnative[- ](?:level|like)\\b|\\bnear[- ]native\\b', '\\bnative\\s+(?:\\w+\\s+)?speakers?\\s+or\\s+(?:equivalent|near|fluent|native[- ]level)'],
};

export const TEXT_RULES: readonly TextRule[] = [
  // ── sex ────────────────────────────────────────────────────────────────────────────
  {
    id: 'sex.restriction',
    category: 'sex',
    severity: 'block',
    patterns: [
      `${REQUIRE}\\s*(?:招聘?)?\\s*(?:年轻|漂亮|帅气)?${MALE_FEMALE}(?!装|鞋|包|款|职工|子学院)`,
      `(?:招聘?|聘)\\s*${MALE_FEMALE}(?!装|鞋|包|款|职工|子学院|男|女)\\s*(?=[，,。;；\\s]|$)`,
      `${MALE_FEMALE}\\s*(?:优先|为主|${REFUSE})`,
      '性别\\s*(?:要求|限制)?\\s*[:：为]?\\s*(?:男|女)(?!女|男)(?:性|士|生)?',
      `${NOT_HIRE}\\s*${MALE_FEMALE}(?!装|鞋)`,
      '\\b(?:males?|females?|men|women|man|woman|boys?|girls?|ladies|lady|gentlemen)\\s+only\\b',
      '\\bonly\\s+(?:males?|females?|men|women|ladies)\\b',
      '\\b(?:males?|females?)\\s+(?:candidates?\\s+|applicants?\\s+|staff\\s+|workers?\\s+)?(?:are\\s+)?(?:preferred|only|wanted|required)\\b',
      '\\bpreferably\\s+(?:male|female|a man|a woman)\\b',
      '\\bmust\\s+be\\s+(?:a\\s+)?(?:male|female|man|woman)\\b',
      '\\b(?:gender|sex)\\s*[:：]\\s*(?:male|female|m|f)\\b',
      '\\bno\\s+(?:females?|males?|women|men)\\s*(?:applicants|candidates|please)?\\b',
      '\\b(?:men|women|males|females)\\s+(?:needed|wanted|required)\\b',
    ],
    message: {
      zh: '招聘信息不得限定性别或性别优先（《就业促进法》第27条，人社部发〔2019〕17号）。',
      en: 'Postings may not restrict or prefer a sex (Employment Promotion Law art. 27; 2019 notice on sex discrimination in recruitment).',
    },
  },
  {
    id: 'sex.gendered_title',
    category: 'sex',
    severity: 'review',
    patterns: [
      '礼仪小姐|(?:男|女)(?:服务员|秘书|前台|保安|司机|模特|主播|店员|导购|文员|助理|销售|客服|普工|操作工|工人|保洁|会计|出纳|护工|翻译|老师|教师|演员|员工|技工|公关|接待)',
      '\\b(?:waitress|hostess|salesgirl|saleslady|stewardess)\\b',
    ],
    message: {
      zh: '岗位名称带有性别（如“女服务员”），实际构成性别限定，请改为中性名称。',
      en: 'The job title names a sex (e.g. "waitress"), which restricts applicants; use a neutral title.',
    },
  },
  {
    // Different limits for men and women (身高男170cm以上，女160cm以上) select by sex as much as 限男性 does.
    id: 'sex.differentiated',
    category: 'sex',
    severity: 'block',
    patterns: [
      `(?<![子儿侄孙妇少])(男|女)(?:性|士|生|方)?\\s*[:：]?\\s*(?:身高|年龄|体重|年纪)?\\s*[:：]?\\s*${SEX_DIFF_BOUND}\\s*[,，、;；/\\s]*(?:且|而)?\\s*(?!\\1)(?:男|女)(?:性|士|生|方)?\\s*[:：]?\\s*(?:身高|年龄|体重|年纪)?\\s*[:：]?\\s*${SEX_DIFF_BOUND}`,
      `(?:身高|年龄|体重)\\s*[:：]?\\s*(?:要求)?\\s*[:：]?\\s*(男|女)(?:性|士|生)?\\s*${SEX_DIFF_BOUND}\\s*[,，、;；/\\s]*(?!\\1)(?:男|女)(?:性|士|生)?\\s*${SEX_DIFF_BOUND}`,
      '\\b(?:men|males?)\\s*[:：]?\\s*(?:at least|over|above|min(?:imum)?\\.?|under|below)?\\s*\\d{2,3}\\s*(?:cm|kg|years?)?\\s*[,;/]?\\s*(?:and\\s+)?(?:women|females?)\\s*[:：]?\\s*(?:at least|over|above|min(?:imum)?\\.?|under|below)?\\s*\\d{2,3}',
      '\\b(?:women|females?)\\s*[:：]?\\s*(?:at least|over|above|min(?:imum)?\\.?|under|below)?\\s*\\d{2,3}\\s*(?:cm|kg|years?)?\\s*[,;/]?\\s*(?:and\\s+)?(?:men|males?)\\s*[:：]?\\s*(?:at least|over|above|min(?:imum)?\\.?|under|below)?\\s*\\d{2,3}',
    ],
    message: {
      zh: '对男女设置不同的条件（如不同的身高、年龄要求）属于按性别区别对待（《就业促进法》第27条，人社部发〔2019〕17号）。',
      en: 'Different conditions for men and women (e.g. different height or age limits) treat applicants differently by sex (Employment Promotion Law art. 27; 2019 notice).',
    },
  },
  // ── age ────────────────────────────────────────────────────────────────────────────
  {
    id: 'age.limit',
    category: 'age',
    severity: 'review',
    patterns: [
      `(?:年龄|年纪)\\s*(?:要求|限制|限)?\\s*[:：]?\\s*(?:在\\s*)?\\d{1,2}\\s*(?:周?岁)?\\s*${AGE_RANGE_SEP}\\s*\\d{1,2}\\s*(?:周?岁)?(?:之间|以内|以下)?`,
      '(?:年龄|年纪)[^，。；,;！!\\n]{0,8}?(?:不超过|不大于|不高于|不得超过|不能超过|不低于|小于|大于|低于|高于|未满|超过|在)\\s*\\d{1,2}\\s*(?:周?岁)?(?:以下|以上|以内|之间|之内)?',
      '(?:年龄|年纪)\\s*[:：]?\\s*\\d{1,2}\\s*(?:周?岁)?\\s*(?:以下|以上|以内|及以下|及以上|之内|左右|内)',
      `\\d{1,2}\\s*周?岁\\s*${AGE_RANGE_SEP}\\s*\\d{1,2}\\s*周?岁`,
      `(?<![\\d.])\\d{1,2}\\s*${AGE_RANGE_SEP}\\s*\\d{1,2}\\s*周?岁(?:之间|以内|以下)?`,
      '(?<![\\d.])\\d{1,2}\\s*周?岁\\s*(?:以下|以内|及以下|之内|以上|及以上|左右|之前|上下)',
      '(?<![\\d.])(?:[6-9]0|00)后\\s*(?:优先|为主|即可|最好|勿扰)',
      '年轻(?:人|者|男性|女性)?\\s*(?:优先|为主)|青年优先|年轻(?:女孩|女性|男孩|男性|小伙|姑娘)',
      '(?:年满|满)\\s*(?:19|[2-9]\\d)\\s*周?岁',
      '(?:不超过|不大于|不高于|不得超过|不能超过|未满)\\s*\\d{2}\\s*周?岁',
      `\\b(?:under|below|younger than|not older than|no older than|not over)\\s+(?:the\\s+age\\s+of\\s+)?(?:1[6-9]|[2-6]\\d)(?:\\s*(?:years?\\s*old|yrs?(?:\\s*old)?|y\\.?o\\.?))?\\b${EN_NUM_UNITS}`,
      '\\b(?:aged?|age\\s*(?:limit|range|requirement)?)\\s*[:：]?\\s*(?:between\\s+)?\\d{2}\\s*(?:-|–|—|~|to|and)\\s*\\d{2}\\b',
      '\\b\\d{2}\\s*(?:-|–|—|~|to)\\s*\\d{2}\\s*(?:years?\\s*old|yrs?\\s*old|y\\.?o\\.?)',
      '\\bage\\s*(?:limit|requirement)?\\s*[:：]?\\s*(?:under|below|over|above|max(?:imum)?|not (?:more|older) than|up to)\\s*\\d{2}\\b',
      '\\b(?:maximum|max\\.?|upper)\\s+age\\b',
      '\\b(?:over|above|older than)\\s+(?:the\\s+age\\s+of\\s+)?[2-6]\\d\\s*(?:years?\\s*old|yrs?\\s*old)',
      '\\b(?:young|younger)\\s+(?:candidates?|applicants?|people|persons?)\\s+(?:only|preferred)\\b',
    ],
    message: {
      zh: '设置了年龄限制。除法定情形（如未成年工保护、驾驶证、公务员招录）外，请删除年龄限制或注明法律依据。',
      en: 'The posting sets an age limit. Remove it or cite a legal basis (juvenile-worker protection, driving licence, civil service...).',
    },
  },
  {
    id: 'age.youth_wording',
    category: 'age',
    severity: 'hint',
    patterns: ['\\byoung and (?:energetic|dynamic|vibrant)\\b|\\byouthful\\b|\\benergetic young\\b|\\bdigital natives?\\b'],
    message: {
      zh: '用语暗示偏好年轻人，建议改为描述岗位所需能力。',
      en: 'The wording suggests a preference for young people; describe the abilities the job needs instead.',
    },
  },
  // ── ethnicity / race ───────────────────────────────────────────────────────────────
  {
    id: 'ethnicity.restriction',
    category: 'ethnicity_race',
    severity: 'block',
    justifiable: false,
    patterns: [
      `${REQUIRE}\\s*${ETHNIC}`,
      '汉族',
      '民族\\s*(?:要求)?\\s*[:：为]\\s*(?:汉|回|藏|维|蒙|壮)',
      `(?:${ETHNIC}|维族|新疆人|西藏人|新疆籍|西藏籍|藏区人员?)\\s*(?:人员|人士)?\\s*${REFUSE}`,
      `${NOT_HIRE}\\s*(?:${ETHNIC}|维族|新疆|西藏)(?:人|籍)?`,
      '(?:外籍)?白人|(?:白|黑)皮肤|欧美面孔|白人面孔|黑人',
      '\\b(?:white|caucasian|black|asian|han(?: chinese)?|european[- ]looking|western[- ]looking)\\s+(?:people\\s+|candidates?\\s+|applicants?\\s+|faces?\\s+)?(?:only|preferred|required)\\b',
      '\\bmust\\s+be\\s+(?:white|caucasian|black|asian|han)\\b',
      '\\b(?:ethnicity|race)\\s*[:：]\\s*[a-z]+',
      '\\b(?:foreign|western|white)\\s+faces?\\b',
      '\\bno\\s+(?:blacks|uyghurs|uighurs|tibetans)\\b',
    ],
    message: {
      zh: '招聘信息不得因民族、种族设置限制（《就业促进法》第26、28条）。',
      en: 'Postings may not restrict by ethnicity or race (Employment Promotion Law arts. 26, 28).',
    },
  },
  // ── religion ───────────────────────────────────────────────────────────────────────
  {
    id: 'religion.restriction',
    category: 'religion',
    severity: 'block',
    justifiable: false,
    patterns: [
      '(?:须|需|必须|要求|需要)\\s*(?:有)?(?:宗教)?信仰\\s*[\\u4e00-\\u9fa5]{0,4}',
      `${REQUIRE}\\s*(?:基督徒|基督教徒|佛教徒|穆斯林|天主教徒|道教徒|信徒|教徒)`,
      '(?:基督徒|基督教徒|佛教徒|穆斯林|天主教徒|信徒|教友)\\s*(?:优先|为主|即可)',
      `${NOT_HIRE}\\s*(?:穆斯林|信教|宗教|信徒|教徒|基督徒)`,
      `(?:穆斯林|信教者?|有宗教信仰者?)\\s*${REFUSE}`,
      '无宗教信仰|不信(?:仰)?宗教',
      '宗教信仰\\s*[:：]\\s*[\\u4e00-\\u9fa5]+',
      '\\bmust\\s+be\\s+(?:a\\s+|an\\s+)?(?:practi[cs]ing\\s+|devout\\s+)?(?:christian|muslim|buddhist|catholic|hindu|jewish|protestant|believer)\\b',
      '\\b(?:christians?|muslims?|buddhists?|catholics?|hindus?|jews|jewish|believers)\\s+(?:applicants\\s+|candidates\\s+|staff\\s+)?(?:only|preferred)\\b',
      '\\bno\\s+(?:muslims?|christians?|jews|hindus?)\\b',
      '\\bmust\\s+(?:share|hold|have|profess)\\s+(?:our\\s+|the\\s+|a\\s+)?(?:christian\\s+|religious\\s+|islamic\\s+)?(?:faith|beliefs?)\\b',
      '\\breligion\\s*[:：]\\s*[a-z]+',
      '\\b(?:active|committed)\\s+church\\s+member',
    ],
    message: {
      zh: '招聘信息不得因宗教信仰设置限制（《就业促进法》第3、26条）。',
      en: 'Postings may not restrict by religious belief (Employment Promotion Law arts. 3, 26).',
    },
  },
  // ── household registration / origin ─────────────────────────────────────────────────
  {
    id: 'hukou.restriction',
    category: 'household_registration',
    severity: 'block',
    patterns: [
      '(?:本地|本市|本区|本县|本省|本镇|当地|城镇|城市|非农业?|北京|上海|天津|重庆|广州|深圳|[\\u4e00-\\u9fa5]{2}(?:市|省|区|县))\\s*(?:常住)?(?:户口|户籍|户藉)',
      '(?:限|仅限|只限|要求|需|须|必须|具有|持有|拥有)\\s*[\\u4e00-\\u9fa5]{0,4}(?:户口|户籍)',
      `(?:农村|农业|外地|外省|外来)\\s*(?:户口|户籍|人员|人|务工人员)?\\s*${REFUSE}`,
      `${NOT_HIRE}\\s*(?:农村|农业|外地|外省|外来)\\s*(?:户口|户籍|人员|人)?`,
      `${REQUIRE}\\s*${PROVINCE}(?:籍|人)`,
      `${PROVINCE}籍\\s*(?:人员|人士|员工)?\\s*(?:优先|为主|${REFUSE})`,
      `${PROVINCE}人\\s*${REFUSE}`,
      `${NOT_HIRE}\\s*${PROVINCE}(?:籍|人)`,
      '籍贯\\s*(?:要求|限)?\\s*[:：]?\\s*(?:限|须|为)?\\s*[\\u4e00-\\u9fa5]{2,4}(?=[，,。;；\\s]|$)',
      '\\blocal\\s+(?:hukou|household registration)\\b',
      '\\b(?:urban|non-agricultural|non-rural|city|beijing|shanghai|guangzhou|shenzhen)\\s+(?:hukou|household registration)\\b',
      '\\b(?:hukou|household registration)\\s+(?:is\\s+)?(?:required|needed|in\\s+\\w+)',
      '\\bno\\s+(?:rural|migrant)\\s+(?:workers|applicants|candidates|hukou)\\b',
      '\\bnatives?\\s+of\\s+[a-z]+\\s+(?:only|preferred)\\b',
    ],
    message: {
      zh: '招聘信息不得限定户籍、籍贯，不得限制农村劳动者（《就业促进法》第31条，《就业服务与就业管理规定》第20条）。',
      en: 'Postings may not restrict by household registration or origin, nor exclude rural workers (Employment Promotion Law art. 31; Employment Services and Management Provisions art. 20).',
    },
  },
  {
    id: 'hukou.local_preference',
    category: 'household_registration',
    severity: 'review',
    patterns: ['本地人\\s*(?:优先|为主)|当地人\\s*(?:优先|为主)', '\\b(?:locals?|local residents|local candidates) only\\b'],
    message: {
      zh: '“本地人优先”可能构成户籍或地域歧视；如指通勤距离，请写明工作地点。',
      en: '"Locals preferred" may discriminate by registration or origin; if it is about commuting, state the workplace instead.',
    },
  },
  // ── marital / childbearing ──────────────────────────────────────────────────────────
  {
    id: 'marital.restriction',
    category: 'marital_childbearing',
    severity: 'block',
    patterns: [
      '(?:未婚(?:未育)?|已婚(?:已育)?|已育|未育)(?:\\s*(?:优先|为主))?|婚否',
      '(?:婚姻|婚育)(?:状况)?\\s*[:：]\\s*[\\u4e00-\\u9fa5]+',
      '单身',
      '(?:[一二三两1-5]\\s*年内|近期|入职后\\s*[一二三两1-5]?\\s*年?内?)\\s*(?:无|不|没有)\\s*(?:生育|怀孕|结婚|婚育|要孩子|生孩子|生二胎|二胎)(?:计划|打算)?',
      '(?:无|没有|暂无)\\s*(?:生育|婚育|怀孕|二胎|三胎)\\s*(?:计划|打算|需求)',
      `(?:孕妇|孕期|哺乳期|怀孕)(?:妇女|女性|者|人员)?\\s*${REFUSE}`,
      `${NOT_HIRE}\\s*(?:孕妇|孕期|哺乳期|怀孕)`,
      `(?:有|近期有)?(?:生育|怀孕|结婚|婚育|二胎|三胎)(?:计划|打算)(?:者|的)?\\s*${REFUSE}`,
      '\\bmust\\s+be\\s+(?:single|married|unmarried)\\b',
      '\\b(?:single|unmarried|married)\\s+(?:applicants\\s+|candidates\\s+|persons\\s+|people\\s+|women\\s+|men\\s+)?(?:only|preferred)\\b',
      '\\bno\\s+plans?\\s+(?:to|for)\\s+(?:have\\s+|having\\s+|get(?:ting)?\\s+|start(?:ing)?\\s+)?(?:children|kids|babies|a\\s+baby|pregnancy|pregnant|a\\s+family)\\b',
      '\\bno\\s+(?:pregnant|expecting)\\s+(?:women|applicants|candidates)\\b',
      '\\bnot\\s+(?:be\\s+)?pregnant\\b',
      '\\bmarital\\s+status\\s*[:：]\\s*[a-z]+',
      '(?<=(?:^|[,;:，；])\\s*)(?:single|unmarried)(?=\\s*(?:[,;.，；。]|$))',
      '\\b(?:without|no)\\s+(?:children|kids)\\b|\\bchildless\\b',
    ],
    message: {
      zh: '招聘信息不得限制婚姻、生育状况（人社部发〔2019〕17号，《妇女权益保障法》第43条）。',
      en: 'Postings may not restrict by marital or childbearing status (2019 notice; Women’s Rights Protection Law art. 43).',
    },
  },
  {
    id: 'marital.mother_preference',
    category: 'marital_childbearing',
    severity: 'review',
    patterns: ['(?:宝妈|已婚女性|已育女性|全职妈妈)\\s*(?:优先|为主)'],
    message: {
      zh: '“宝妈优先”以生育状况挑选求职者；若属政府“妈妈岗”项目请注明，否则请改写。',
      en: '"Mothers preferred" selects by childbearing status; say so if it is a government “mother post” scheme, otherwise reword.',
    },
  },
  // ── health / disease ────────────────────────────────────────────────────────────────
  {
    id: 'health.hepatitis_b',
    category: 'health_disease',
    severity: 'block',
    justifiable: false,
    patterns: [
      `(?:无|没有|非)?(?:乙肝|乙型肝炎|大三阳|小三阳|两对半|HBsAg)(?:病毒|病原)?(?:表面抗原)?(?:携带者?|阳性|阴性|患者)?(?:\\s*${REFUSE})?`,
      '\\b(?:no\\s+)?(?:HBV|hepatitis[- ]?B|hep\\s?B)(?:\\s+carriers?)?(?:\\s+(?:need not apply|not accepted|excluded))?\\b',
    ],
    message: {
      zh: '不得以乙肝病原携带为由拒绝录用，也不得要求乙肝项目检测（人社部发〔2010〕12号，《就业促进法》第30条）。',
      en: 'Hepatitis B carriers may not be refused and HBV tests may not be required (Employment Promotion Law art. 30; 2010 notice).',
    },
  },
  {
    id: 'health.hiv',
    category: 'health_disease',
    severity: 'block',
    justifiable: false,
    patterns: ['艾滋|\\bHIV\\b'],
    message: {
      zh: '不得以感染艾滋病病毒为由拒绝录用（《艾滋病防治条例》第3条，《就业促进法》第30条）。',
      en: 'People with HIV may not be refused employment (AIDS Prevention Regulations art. 3; Employment Promotion Law art. 30).',
    },
  },
  {
    id: 'health.disease_exclusion',
    category: 'health_disease',
    severity: 'review',
    patterns: [
      '(?:无|没有|不得有|不能有)\\s*(?:任何)?(?:传染病|传染性疾病|重大疾病|慢性病|遗传病|精神病|精神疾病|癫痫|病史|家族病史|心脏病|高血压|糖尿病)史?',
      `(?:传染病|病毒携带者|携带者|精神病|癫痫)(?:患者|者)?\\s*${REFUSE}`,
      '(?:无|非)\\s*色(?:盲|弱)',
      '\\bno\\s+(?:history\\s+of\\s+)?(?:infectious|contagious|chronic|mental|serious|major)\\s+(?:diseases?|illness(?:es)?|conditions?)\\b',
      '\\bno\\s+(?:medical|health)\\s+(?:conditions|problems|issues)\\b',
      '\\bfree\\s+(?:of|from)\\s+(?:any\\s+)?(?:infectious\\s+|contagious\\s+)?(?:diseases?|illness(?:es)?)\\b',
      '\\bcarriers?\\s+(?:need\\s+not|should\\s+not|do\\s+not)\\s+apply\\b',
      '\\bno\\s+colou?r[- ]blind\\w*',
    ],
    message: {
      zh: '以疾病或病史排除求职者须有法定依据（如食品从业人员健康证明）；请删除或注明依据。',
      en: 'Excluding applicants for a disease or medical history needs a legal basis (e.g. food handlers’ health certificate); remove it or cite one.',
    },
  },
  // ── appearance / height ─────────────────────────────────────────────────────────────
  {
    id: 'appearance.height_weight',
    category: 'appearance_height',
    severity: 'review',
    patterns: [
      '身高\\s*(?:要求|需|须|在)?\\s*[:：]?\\s*(?:(?:男|女)(?:性|士|生)?\\s*)?(?:1[4-9]\\d|1\\.\\d{1,2})\\s*(?:cm|厘米|公分|米|m)?\\s*(?:以上|以下|之间|左右|及以上|或以上)?',
      '(?<!\\d)1[4-9]\\d\\s*(?:cm|厘米|公分)\\s*(?:以上|及以上|或以上|以下|左右)',
      '(?<![\\d.])1\\.[5-9]\\d?\\s*米\\s*(?:以上|及以上)',
      '体重\\s*[:：]?\\s*(?:不超过|低于|在)?\\s*\\d{2,3}\\s*(?:kg|公斤|斤)\\s*(?:以下|以内|左右)?',
      '身材(?:匀称|苗条|高挑|好|标准)|体型(?:匀称|偏瘦|标准)',
      // Height written without 身高: 女165以上, 男生1.75米以上, 净高170.
      '(?<![子儿侄孙妇少])(?:男|女)(?:性|士|生)?\\s*[:：]?\\s*(?:1[5-9]\\d|1\\.[5-9]\\d?)\\s*(?:cm|厘米|公分|米|m)?\\s*(?:以上|及以上|或以上|以下|左右)',
      '(?:个子|个头|净高)\\s*(?:要求|需|须|在)?\\s*(?:高|高挑|不低于|不矮|1[4-9]\\d|1\\.\\d)',
      '(?:身材|形体|体形|体态|身形)\\s*(?:要求)?\\s*(?:匀称|苗条|高挑|好|佳|姣好|优美|纤细|健美|标准|修长|端正)',
      '(?:体型|身材)?(?:偏胖|肥胖|太胖|过胖)(?:者|的)?\\s*(?:勿扰|免谈|不要|谢绝|慎投)|不(?:招|要|收)(?:胖子|太胖|偏胖)',
      '皮肤(?:白皙|好|白)|肤色(?:白|白皙|好)|面容(?:姣好|清秀|好)|脸型(?:好|标准)',
      '\\bheight\\s*(?:of\\s+)?(?:above|over|at least|minimum|min\\.?|:)?\\s*1[4-9]\\d\\s*cm\\b',
      '\\b1[4-9]\\d\\s*cm\\s*(?:or\\s+(?:taller|above|more)|and\\s+above|\\+|tall)',
      '\\b[56]\\s*(?:ft|feet|\')\\s*\\d{0,2}\\s*(?:in|inches|")?\\s*(?:or\\s+taller|and\\s+above|tall)',
      '\\bweight\\s*(?:under|below|less than|not (?:more|over) than)\\s*\\d{2,3}\\s*(?:kg|lbs?)\\b',
    ],
    message: {
      zh: '身高、体重要求与多数岗位无关，除法定情形（如驾驶证、空勤）外请删除或注明依据。',
      en: 'Height and weight limits are irrelevant to most jobs; remove them or cite a legal basis (driving licence, aircrew...).',
    },
  },
  {
    id: 'appearance.looks',
    category: 'appearance_height',
    severity: 'review',
    patterns: [
      '颜值(?:高|要求|在线)|貌美|外形(?:条件)?(?:靓丽|好|佳|出众|姣好)|颜值(?:高|要求|在线)|貌美|(?:长相|人长得|外形|外表)\\S{0,2}(?:漂亮|甜美|清秀|好|出众|端庄|帅气)|相貌(?:出众|好|佳|姣好)|容貌(?:姣好|秀丽)|帅气|美女|帅哥|外貌(?:协会|要求|佳)',
      '\\b(?:attractive|good[- ]looking|beautiful|pretty|handsome|slim|slender)\\b',
    ],
    message: {
      zh: '以容貌挑选求职者与岗位能力无关，请删除。',
      en: 'Selecting applicants by looks is unrelated to the job; remove it.',
    },
  },
  {
    id: 'appearance.presentable',
    category: 'appearance_height',
    severity: 'hint',
    patterns: [
      '五官端正|形象(?:气质)?(?:佳|好|良好|端正|出众)|气质(?:佳|好|出众|优雅)|仪表端庄|仪表端正|相貌端正|容貌端正|端庄大方|无(?:明显)?(?:纹身|文身|疤痕)',
      '\\b(?:good|pleasant|neat|professional)\\s+(?:appearance|image|looks)\\b|\\bwell[- ]groomed\\b|\\bpresentable\\b',
    ],
    message: {
      zh: '外形用语较主观，建议改为“着装整洁、举止得体”等与工作相关的表述。',
      en: 'Appearance wording is subjective; prefer job-related wording such as "neat dress and courteous manner".',
    },
  },
  // ── disability ──────────────────────────────────────────────────────────────────────
  {
    id: 'disability.restriction',
    category: 'disability',
    severity: 'block',
    patterns: [
      '(?:身体|肢体)?(?:无|没有)\\s*(?:任何)?(?:残疾|残障|身体缺陷|生理缺陷|肢体缺陷|明显缺陷|残缺)',
      '(?:四肢|肢体|身体|五官)健全',
      `残(?:疾|障)(?:人|人士|者)?\\s*${REFUSE}`,
      `${NOT_HIRE}\\s*残(?:疾|障)`,
      '\\bno\\s+(?:physical\\s+)?(?:disabilit(?:y|ies)|handicaps?|impairments?|physical defects)\\b',
      '\\bable[- ]bodied\\b|\\bphysically (?:sound|whole)\\b',
      '\\bdisabled\\s+(?:persons?\\s+|people\\s+|applicants\\s+|candidates\\s+)?(?:need not apply|not accepted|excluded)\\b',
      '\\bwithout\\s+(?:any\\s+)?(?:disabilit(?:y|ies)|physical\\s+defects)\\b',
      '\\bfree\\s+(?:of|from)\\s+(?:any\\s+)?(?:disabilit(?:y|ies)|physical defects)\\b',
    ],
    message: {
      zh: '不得歧视残疾人（《就业促进法》第29条，《残疾人保障法》第38条）；岗位确需的身体能力请具体描述。',
      en: 'Postings may not exclude disabled people (Employment Promotion Law art. 29; Disabled Persons Protection Law art. 38); describe concrete job demands instead.',
    },
  },
  // ── fees ────────────────────────────────────────────────────────────────────────────
  {
    id: 'fees.charged_to_applicant',
    category: 'fees',
    severity: 'block',
    justifiable: false,
    patterns: [
      FEE_WORDS,
      '(?:扣押|抵押|押)\\s*(?:身份证|证件|毕业证)',
      '\\b(?:deposits?|registration fees?|training fees?|uniform fees?|placement fees?|recruitment fees?|application fees?|agency fees?|processing fees?|medical (?:check(?:-?up)?|exam(?:ination)?) fees?)\\b',
      '\\bpay\\s+(?:a|an|the)\\s+(?:\\w+\\s+)?(?:fee|deposit)\\b',
      '(?:体检|培训|服装|工服|工装|制服)\\S{0,4}(?:自费|费用自理|自理|个人承担|自行承担|由个人)',
      '\\b(?:medical|training|uniforms?|exam\\w*|check-?ups?)\\s+(?:\\w+\\s+)?at\\s+(?:your\\s+|their\\s+|the\\s+applicant\\W?s\\s+)?own\\s+(?:cost|expense)\\b',
    ],
    message: {
      zh: '不得向求职者收取押金、培训费、服装费、体检费等任何费用或扣押证件（《劳动合同法》第9条，《就业服务与就业管理规定》第14条）。',
      en: 'Applicants may not be charged deposits or fees (training, uniform, medical check...) nor have documents held (Labour Contract Law art. 9; Employment Services Provisions art. 14).',
    },
  },
  // ── contact channels that bypass the employer ───────────────────────────────────────
  {
    id: 'contact.private_channel',
    category: 'contact',
    severity: 'review',
    justifiable: false,
    patterns: [
      '(?:(?<![增参追叠附外更])加|添加|联系|咨询|私聊|私信|扫码加)\\s*(?:我|本人|hr|HR)?\\s*(?:的)?\\s*(?:微信|威信|薇信|徽信|V信|vx|wx|QQ|扣扣|企鹅)',
      '(?:微信|威信|薇信|V信|QQ|扣扣|企鹅)\\s*(?:号|号码|id)?\\s*[:：]?\\s*(?:(?=[A-Za-z0-9_-]*\\d)[A-Za-z][A-Za-z0-9_-]{5,19}|\\d{5,12})(?![A-Za-z0-9])',
      '(?<![A-Za-z])(?:vx|wx)\\s*(?:号|号码|id)?\\s*[:：]\\s*(?:[A-Za-z][A-Za-z0-9_-]{5,19}|\\d{5,12})(?![A-Za-z0-9])',
      '(?<![\\d-])(?:\\+?86[-\\s]?)?1[3-9]\\d[-\\s]?\\d{4}[-\\s]?\\d{4}(?!\\d)',
      '\\b(?:add|contact|message|text|dm|reach)\\s+(?:me\\s+|us\\s+|hr\\s+)?(?:on\\s+|via\\s+|at\\s+)?(?:wechat|whatsapp|telegram|qq|line)\\b',
      '\\b(?:wechat|whatsapp|telegram|qq)\\s*(?:id|number|no\\.?)?\\s*[:：]\\s*\\+?[\\w-]{5,}',
    ],
    message: {
      zh: '招聘信息中出现私人联系方式（微信、QQ、手机号），求职者可能绕过平台和用人单位；请通过平台登记的单位联系方式沟通。',
      en: 'The posting gives a private contact channel (WeChat, QQ, mobile number) that bypasses the platform and employer; use the employer’s registered contact.',
    },
  },
  // ── other ───────────────────────────────────────────────────────────────────────────
  {
    id: 'other.native_speaker',
    category: 'other',
    severity: 'review',
    patterns: [
      '\\bnative\\s+(?:english|french|german|spanish|japanese|korean|russian|italian|portuguese|arabic|mandarin|chinese)?\\s*speakers?\\b',
      '(?:以)?英语为母语(?:者|人士|的)?|母语(?:为|是)(?:英|日|韩|法|德|俄|西班牙)语|(?:英语|英文)母语(?:者|人士)?',
      `${REQUIRE}\\s*(?:美国|英国|加拿大|澳大利亚|新西兰|欧美|英美)籍|(?:欧美|英美)籍(?:人士)?\\s*(?:优先|为主)`,
    ],
    message: {
      zh: '以母语或国籍作为条件可能构成出身歧视；请改为所需语言水平（外籍语言教师除外，需注明依据）。',
      en: 'Requiring a native speaker or a nationality may discriminate by origin; state the language level needed (foreign language teachers excepted, cite the basis).',
    },
  },
];

/** Messages for findings computed from structured fields and options (also data, not code). */
export const COMPUTED_RULES = {
  'field.forbidden': {
    severity: 'block',
    message: {
      zh: '职位不得设置该字段（性别、民族、户籍、婚育、宗教等）；请删除。',
      en: 'A vacancy may not carry this field (sex, ethnicity, household registration, marital status, religion...); remove it.',
    },
  },
  'field.neutral_value': {
    severity: 'hint',
    message: {
      zh: '该字段值为“不限”，不影响发布，但职位不应设置此字段，建议删除。',
      en: 'The field says "any", which does not hold the posting, but vacancies should not carry this field; remove it.',
    },
  },
  'age.field': {
    severity: 'review',
    message: {
      zh: '年龄上下限字段构成年龄限制；除法定情形外请删除或注明法律依据。',
      en: 'The age bound fields set an age limit; remove them or cite a legal basis.',
    },
  },
  'age.below_legal_minimum': {
    severity: 'block',
    message: {
      zh: '最低年龄低于16周岁，违反禁止使用童工的规定（《劳动法》第15条）。',
      en: 'Minimum age below 16 breaches the ban on child labour (Labour Law art. 15).',
    },
  },
  'age.inverted_range': {
    severity: 'review',
    message: { zh: '年龄下限大于上限。', en: 'Minimum age is greater than maximum age.' },
  },
  'wage.inverted_range': {
    severity: 'review',
    message: { zh: '工资下限大于上限。', en: 'Minimum wage of the range is greater than its maximum.' },
  },
  'wage.invalid': {
    severity: 'review',
    message: { zh: '工资数值无效（非数字或为负）。', en: 'The wage is not a valid non-negative number.' },
  },
  'wage.below_minimum': {
    severity: 'review',
    message: {
      zh: '折算月工资 {monthly} 元低于当地月最低工资标准 {minimum} 元（《劳动法》第48条，《最低工资规定》）。',
      en: 'The monthly-equivalent wage of {monthly} CNY is below the local monthly minimum wage of {minimum} CNY (Labour Law art. 48; Minimum Wage Provisions).',
    },
  },
  'wage.above_median': {
    severity: 'review',
    message: {
      zh: '折算月工资 {monthly} 元超过该职业中位数 {median} 元的10倍，可能为虚假或夸大信息。',
      en: 'The monthly-equivalent wage of {monthly} CNY exceeds 10× the occupation median of {median} CNY; it may be false or exaggerated.',
    },
  },
  'other.duplicate': {
    severity: 'review',
    message: {
      zh: '与已发布职位 {vacancyId} 高度重复，可能为重复或虚假发布。',
      en: 'Nearly identical to existing vacancy {vacancyId}; possibly a duplicate or false posting.',
    },
  },
  'justification.invalid': {
    severity: 'review',
    message: {
      zh: '引用的法律依据代码 {code} 不存在。',
      en: 'The cited legal basis code {code} does not exist.',
    },
  },
  'justification.not_applicable': {
    severity: 'review',
    message: {
      zh: '法律依据 {code} 不适用于本岗位的“{target}”类问题：{reason}。该问题仍未解决。',
      en: 'Legal basis {code} does not apply to this {targetEn} finding: {reasonEn}. The finding stays open.',
    },
  },
  'justification.unused': {
    severity: 'hint',
    message: {
      zh: '该依据没有对应的检查结果，可删除。',
      en: 'No finding matches this justification; it can be removed.',
    },
  },
} as const satisfies Record<string, { severity: 'block' | 'review' | 'hint'; message: { zh: string; en: string } }>;

export type ComputedRuleId = keyof typeof COMPUTED_RULES;

/**
 * Structured fields a vacancy may not carry at all, keyed by the field name folded to lower case without
 * separators (so `maritalStatus`, `marital_status` and `MARITAL-STATUS` all match).
 */
export const FORBIDDEN_FIELDS: Record<string, { category: Category; severity: Severity }> = {
  sex: { category: 'sex', severity: 'block' },
  gender: { category: 'sex', severity: 'block' },
  xingbie: { category: 'sex', severity: 'block' },
  ethnicity: { category: 'ethnicity_race', severity: 'block' },
  ethnic: { category: 'ethnicity_race', severity: 'block' },
  nation: { category: 'ethnicity_race', severity: 'block' },
  nationality: { category: 'other', severity: 'review' },
  race: { category: 'ethnicity_race', severity: 'block' },
  minzu: { category: 'ethnicity_race', severity: 'block' },
  religion: { category: 'religion', severity: 'block' },
  hukou: { category: 'household_registration', severity: 'block' },
  householdregistration: { category: 'household_registration', severity: 'block' },
  hukoutype: { category: 'household_registration', severity: 'block' },
  nativeplace: { category: 'household_registration', severity: 'block' },
  origin: { category: 'household_registration', severity: 'block' },
  maritalstatus: { category: 'marital_childbearing', severity: 'block' },
  marital: { category: 'marital_childbearing', severity: 'block' },
  marriage: { category: 'marital_childbearing', severity: 'block' },
  childbearing: { category: 'marital_childbearing', severity: 'block' },
  fertility: { category: 'marital_childbearing', severity: 'block' },
  height: { category: 'appearance_height', severity: 'review' },
  heightmin: { category: 'appearance_height', severity: 'review' },
  minheight: { category: 'appearance_height', severity: 'review' },
  weight: { category: 'appearance_height', severity: 'review' },
  weightmax: { category: 'appearance_height', severity: 'review' },
  hbv: { category: 'health_disease', severity: 'block' },
  hepatitisb: { category: 'health_disease', severity: 'block' },
};

/** Values of a forbidden field that restrict nothing ("any"); reported as a hint only. */
export const NEUTRAL_FIELD_VALUES: readonly string[] = [
  '',
  '不限',
  '无',
  '无要求',
  '无限制',
  '男女不限',
  '性别不限',
  '均可',
  'any',
  'all',
  'none',
  'unrestricted',
  'unlimited',
  'no requirement',
  'n/a',
];
