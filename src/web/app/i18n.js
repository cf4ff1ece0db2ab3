// Every piece of interface text, [Chinese, English]. API data is shown as given.
const S = {
  appTitle: ['公共就业服务工作台', 'PES workbench'],
  switchLang: ['English', '中文'],
  signIn: ['登录', 'Sign in'],
  signOut: ['退出', 'Sign out'],
  apiKey: ['API 密钥', 'API key'],
  apiKeyHint: ['密钥仅保存在本浏览器标签页（sessionStorage），关闭即清除。', 'The key is kept in this browser tab only (sessionStorage) and cleared when it closes.'],
  badKey: ['密钥无效或已停用', 'The key is invalid or revoked'],
  noRole: ['该密钥没有可用的工作台功能', 'This key has no workbench functions'],
  signedInAs: ['身份', 'Role'],
  role_admin: ['管理员', 'Administrator'], role_staff: ['经办人员', 'PES staff'], role_organiser: ['招聘会组织方', 'Fair organiser'], role_employer: ['用人单位', 'Recruiter'],
  nav_fairs: ['招聘会', 'Fairs'], nav_vacancies: ['岗位', 'Vacancies'], nav_newVacancy: ['发布岗位', 'New vacancy'], nav_search: ['求职者搜索', 'Candidate search'],
  nav_seekers: ['求职者', 'Job seekers'], nav_register: ['求职登记', 'Register seeker'], nav_referrals: ['推荐与就业', 'Referrals'], nav_review: ['审核队列', 'Review queue'],
  nav_reports: ['供求报告与工资指导价', 'Reports & wage guidance'], nav_fairness: ['公平性审计', 'Fairness audit'], nav_audit: ['个人信息访问日志', 'Personal-data audit log'],
  loading: ['正在加载…', 'Loading…'],
  notAvailable: ['该功能尚未开放（接口暂不可用）', 'Not available yet (the service for this page is not there yet)'],
  networkError: ['无法连接服务器，请稍后重试', 'Cannot reach the server, please retry'],
  forbidden: ['您的身份无权执行此操作', 'Your role may not do this'],
  empty: ['暂无记录', 'Nothing here'],
  prev: ['上一页', 'Previous'], next: ['下一页', 'Next'],
  pageOf: ['第 {p} 页，共 {n} 条', 'Page {p} · {n} in all'],
  sort: ['排序', 'Sort'], order: ['顺序', 'Order'], asc: ['升序', 'Ascending'], desc: ['降序', 'Descending'],
  filter: ['筛选', 'Filter'], any: ['不限', 'Any'], apply: ['应用', 'Apply'], save: ['保存', 'Save'], cancel: ['取消', 'Cancel'],
  create: ['创建', 'Create'], edit: ['修改', 'Edit'], open: ['打开', 'Open'], status: ['状态', 'Status'], actions: ['操作', 'Actions'],
  saved: ['已保存', 'Saved'], fixErrors: ['请更正标出的字段', 'Please correct the marked fields'],
  // fairs
  fairs: ['招聘会', 'Job fairs'], newFair: ['新建招聘会', 'Schedule a fair'], name: ['名称', 'Name'], kind: ['类型', 'Kind'], startsAt: ['开始时间', 'Starts'], endsAt: ['结束时间', 'Ends'],
  venue: ['地点', 'Venue'], districtCode: ['区县代码', 'District code'], campaign: ['专项活动', 'Campaign'],
  kind_city_theme_monthly: ['市级主题招聘会（每月）', 'City theme fair (monthly)'], kind_weekly_saturday: ['周六招聘会', 'Saturday fair'], kind_county_weekly: ['区县周招聘会', 'County weekly fair'],
  kind_street_fortnightly: ['街道双周招聘会', 'Street fair (fortnightly)'], kind_campus: ['校园招聘会', 'Campus fair'], kind_online: ['网络招聘会', 'Online fair'], kind_special_campaign: ['专项招聘活动', 'Special campaign'],
  st_planned: ['计划中', 'Planned'], st_open: ['进行中', 'Open'], st_closed: ['已结束/关闭', 'Closed'], st_cancelled: ['已取消', 'Cancelled'],
  st_draft: ['草稿', 'Draft'], st_pending_review: ['待审核', 'Pending review'], st_published: ['已发布', 'Published'], st_rejected: ['已驳回', 'Rejected'], st_blocked: ['已拦截', 'Blocked'], st_expired: ['已过期', 'Expired'], st_filled: ['已招满', 'Filled'],
  stats: ['统计', 'Statistics'], employers: ['用人单位', 'Employers'], booths: ['展位', 'Booths'], vacancies: ['岗位', 'Vacancies'], publishedVacancies: ['已发布岗位', 'Published vacancies'],
  positions: ['招聘人数', 'Positions'], attendance: ['入场人数', 'Attendance'], intentions: ['达成意向', 'Intentions reached'], booth: ['展位号', 'Booth'], employer: ['单位', 'Employer'], industry: ['行业', 'Industry'],
  // import
  importTitle: ['批量导入岗位', 'Bulk vacancy upload'], dropHere: ['把 CSV/JSON 文件拖到这里，或', 'Drop a CSV/JSON file here, or'], chooseFile: ['选择文件', 'choose a file'],
  template: ['下载导入模板', 'Download the template'], allowCreate: ['按信用代码自动登记新单位', 'Register unknown employers from the row'], publishRows: ['通过审查的岗位直接发布', 'Publish rows that pass screening'],
  uploading: ['正在上传…', 'Uploading…'], progress: ['导入进度', 'Import progress'], inserted: ['新增', 'Inserted'], updated: ['更新', 'Updated'], unchanged: ['未变', 'Unchanged'], failedRows: ['失败', 'Failed'],
  imp_queued: ['排队中', 'Queued'], imp_running: ['导入中', 'Running'], imp_completed: ['已完成', 'Completed'], imp_failed: ['失败', 'Failed'],
  rowErrors: ['行错误（请修改文件后重新上传）', 'Row errors (fix the file and upload it again)'], row: ['行', 'Row'], column: ['列', 'Column'], field: ['字段', 'Field'], message: ['说明', 'Message'],
  errorsTruncated: ['错误过多，仅显示部分', 'Too many errors; only some are shown'], errorsCsv: ['下载错误明细 CSV', 'Download the errors as CSV'],
  // screening
  screening: ['内容审查', 'Screening'], findings: ['审查发现', 'Findings'], noFindings: ['未发现问题', 'No findings'], justify: ['说明依据', 'Justify'], basisCode: ['法定依据代码', 'Legal basis code'],
  out_pass: ['通过', 'Pass'], out_review: ['需审核', 'Review'], out_block: ['拦截', 'Blocked'], wouldBe: ['发布后状态', 'Would be'], justified: ['已说明', 'Justified'],
  liveCheck: ['实时审查', 'Live check'], checking: ['审查中…', 'Checking…'],
  // vacancies
  myVacancies: ['岗位列表', 'Vacancies'], title: ['岗位名称', 'Title'], description: ['岗位描述', 'Description'], requirements: ['任职要求', 'Requirements'], howToApply: ['应聘方式', 'How to apply'],
  headcount: ['招聘人数', 'Openings'], wageMin: ['月薪下限（元）', 'Wage from (CNY)'], wageMax: ['月薪上限（元）', 'Wage to (CNY)'], educationMin: ['学历要求', 'Education'], contractType: ['用工形式', 'Contract'],
  experienceMinYears: ['经验（年）', 'Experience (years)'], occupation: ['职业', 'Occupation'], occupationSuggest: ['职业建议（点击选用）', 'Suggested occupations (click to use)'], publicWelfare: ['公益性岗位', 'Public welfare post'],
  saveDraft: ['保存草稿', 'Save draft'], publish: ['发布', 'Publish'], candidates: ['候选人', 'Candidates'], createdAt: ['创建时间', 'Created'], publishedAt: ['发布时间', 'Published'], wage: ['工资', 'Pay'],
  newVacancy: ['新建岗位', 'New vacancy'], editVacancy: ['修改岗位', 'Edit vacancy'], vacancyStatus: ['岗位状态', 'Vacancy status'], fair: ['招聘会', 'Fair'],
  ct_full_time: ['全职', 'Full-time'], ct_part_time: ['兼职', 'Part-time'], ct_temporary: ['临时', 'Temporary'], ct_internship: ['实习', 'Internship'], ct_flexible: ['灵活就业', 'Flexible'],
  ed_none: ['不限', 'Any'], ed_primary: ['小学', 'Primary'], ed_junior_secondary: ['初中', 'Junior secondary'], ed_senior_secondary: ['高中/中专', 'Senior secondary'], ed_vocational: ['技校/职高', 'Vocational'],
  ed_associate: ['大专', 'Associate'], ed_bachelor: ['本科', 'Bachelor'], ed_master: ['硕士', 'Master'], ed_doctorate: ['博士', 'Doctorate'],
  // candidates / matching
  rank: ['名次', 'Rank'], score: ['匹配分', 'Score'], reasons: ['匹配理由', 'Reasons'], profile: ['概况（已脱敏）', 'Profile (masked)'], skills: ['技能', 'Skills'], experience: ['经验', 'Experience'],
  education: ['学历', 'Education'], district: ['区县', 'District'], pool: ['候选池', 'Candidate pool'], computedAt: ['计算时间', 'Computed'], refer: ['推荐', 'Refer'], referred: ['已推荐', 'Referred'],
  notComputed: ['尚未计算匹配结果', 'No matches computed yet'], bestVacancies: ['最适合的岗位', 'Best vacancies'], years: ['{n} 年', '{n} yr'],
  // search
  searchText: ['关键词', 'Keywords'], search: ['搜索', 'Search'], experienceMin: ['最少经验（年）', 'Min. experience (years)'], offer: ['我方月薪（元）', 'Our monthly offer (CNY)'], availability: ['到岗时间', 'Availability'],
  av_immediate: ['随时到岗', 'Immediate'], av_within_month: ['一个月内', 'Within a month'], av_later: ['以后', 'Later'], av_employed_looking: ['在职找工作', 'Employed, looking'],
  facets: ['分面统计', 'Facets'], facet_districtCode: ['区县', 'District'], facet_education: ['学历', 'Education'], facet_availability: ['到岗时间', 'Availability'], results: ['{n} 条结果', '{n} results'],
  // seekers
  registerSeeker: ['求职登记', 'Register a job seeker'], seekerName: ['姓名', 'Name'], nationalId: ['公民身份号码', 'National ID number'], phone: ['手机', 'Phone'], registrationKind: ['登记类型', 'Registration'],
  rk_unemployment: ['失业登记', 'Unemployment'], rk_job_seeking: ['求职登记', 'Job seeking'], experienceYears: ['工作经验（年）', 'Experience (years)'], desiredWageMin: ['期望月薪（元）', 'Expected wage (CNY)'],
  skillsComma: ['技能（用逗号分隔）', 'Skills (comma-separated)'], consentSearchable: ['同意用人单位检索脱敏简历', 'Consents to recruiters finding the masked profile'],
  consentContact: ['同意推荐时向单位提供联系方式', 'Consents to contact details going to employers on referral'],
  idInvalid: ['身份证号码校验不通过（GB 11643：17 位数字 + 校验码）', 'The ID fails the GB 11643 check (17 digits and a check character)'],
  duplicate: ['该身份证号码已登记，现有记录编号：', 'Already registered; existing record id:'], registered: ['登记成功，编号：', 'Registered; id:'],
  seekers: ['求职者（脱敏）', 'Job seekers (masked)'], maskedName: ['姓名（脱敏）', 'Name (masked)'], ageBand: ['年龄段', 'Age band'], registeredAt: ['登记时间', 'Registered'],
  ss_active: ['求职中', 'Active'], ss_placed: ['已就业', 'Placed'], ss_inactive: ['停用', 'Inactive'], matches: ['匹配岗位', 'Matches'],
  // referrals
  referrals: ['推荐记录', 'Referrals'], newReferral: ['新建推荐', 'New referral'], seekerId: ['求职者编号', 'Job seeker id'], vacancyId: ['岗位编号', 'Vacancy id'], note: ['备注', 'Note'],
  outcome: ['结果', 'Outcome'], recordOutcome: ['记录结果', 'Record outcome'], contractStart: ['合同开始日期', 'Contract start'], contractMonths: ['合同期限（月）', 'Contract months'], monthlyWage: ['月工资（元）', 'Monthly wage (CNY)'],
  oc_pending: ['待反馈', 'Pending'], oc_interviewed: ['已面试', 'Interviewed'], oc_hired: ['已录用', 'Hired'], oc_rejected: ['未录用', 'Rejected'], oc_declined: ['本人放弃', 'Declined'], oc_no_show: ['未到场', 'No show'],
  placement: ['就业登记', 'Placement'], placementMade: ['已登记就业：', 'Placement recorded:'], referralMade: ['推荐成功，编号：', 'Referral created; id:'],
  // review
  reviewQueue: ['待审核岗位', 'Vacancies held for review'], approve: ['通过', 'Approve'], reject: ['驳回', 'Reject'], reason: ['理由', 'Reason'], reasonRequired: ['驳回须填写理由', 'A reason is required to reject'],
  // reports
  supplyDemand: ['人力资源市场供求周报', 'Weekly supply-demand report'], runReport: ['生成/重新生成周报', 'Compile (or recompile) a week'], isoYear: ['年份', 'Year'], isoWeek: ['周次（ISO）', 'ISO week'],
  runQueued: ['已提交生成任务，稍后刷新', 'Queued; refresh in a moment'], openReport: ['打开报告（HTML）', 'Open the report (HTML)'], week: ['周', 'Week'], refresh: ['刷新', 'Refresh'],
  h_newVacancies: ['新增岗位', 'New vacancies'], h_newDemand: ['新增需求人数', 'New demand'], h_activeVacancies: ['有效岗位', 'Active vacancies'], h_activeDemand: ['有效需求人数', 'Active demand'],
  h_newSupply: ['新增求职人数', 'New supply'], h_activeSupply: ['有效求职人数', 'Active supply'], h_placements: ['就业人数', 'Placements'], h_ratio: ['求人倍率', 'Demand/supply ratio'],
  h_placementRate: ['就业率 %', 'Placement rate %'], h_fillRate: ['岗位满足率 %', 'Fill rate %'],
  wageGuidance: ['工资指导价位', 'Wage guidance'], openWageReport: ['打开工资指导价位报告', 'Open the wage guidance report'], period: ['期间', 'Period'],
  // fairness / audit
  fairness: ['匹配公平性审计（仅汇总数据）', 'Matching fairness audit (aggregates only)'], dimension: ['维度', 'Dimension'], group: ['群体', 'Group'], matched: ['匹配', 'Matched'], hired: ['录用', 'Hired'],
  impactRatio: ['影响比', 'Impact ratio'], flagged: ['低于 4/5', 'Below 4/5'], flags: ['预警', 'Flags'], topN: ['前 N 名', 'Top N'],
  auditLog: ['个人信息访问日志', 'Personal-data read log'], at: ['时间', 'When'], actor: ['访问者', 'Who'], action: ['动作', 'Action'], subject: ['对象', 'Subject'], fields: ['字段', 'Fields'], subjectId: ['对象编号', 'Subject id'],
};

export const LANGS = ['zh', 'en'];

export function t(lang, key, vars) {
  const pair = S[key];
  let s = pair ? pair[lang === 'en' ? 1 : 0] : key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replace(`{${k}}`, String(v));
  return s;
}

/** A label for an enum value (prefix_value), or the raw value when there is none. */
export function label(lang, prefix, value) {
  const key = `${prefix}_${value}`;
  return S[key] ? t(lang, key) : String(value ?? '');
}
