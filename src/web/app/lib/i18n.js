// @ts-check
// Every piece of interface text, [Chinese, English]. API data is shown as given.
const S = {
  appTitle: ['公共就业服务工作台', 'PES workbench'],
  switchLang: ['English', '中文'],
  signIn: ['登录', 'Sign in'],
  signOut: ['退出', 'Sign out'],
  signedInAs: ['身份', 'Role'],
  role_admin: ['管理员', 'Administrator'], role_staff: ['经办人员', 'PES staff'], role_organiser: ['招聘会组织方', 'Fair organiser'], role_employer: ['用人单位', 'Recruiter'],
  nav_fairs: ['招聘会', 'Fairs'], nav_vacancies: ['岗位', 'Vacancies'], nav_newVacancy: ['发布岗位', 'New vacancy'], nav_search: ['求职者搜索', 'Candidate search'],
  nav_seekers: ['求职者', 'Job seekers'], nav_register: ['求职登记', 'Register seeker'], nav_referrals: ['推荐与就业', 'Referrals'], nav_review: ['审核队列', 'Review queue'],
  nav_reports: ['供求报告与工资指导价', 'Reports & wage guidance'], nav_fairness: ['公平性审计', 'Fairness audit'], nav_audit: ['个人信息访问日志', 'Personal-data audit log'],
  // accounts and sessions (issue 17)
  username: ['用户名', 'User name'], password: ['密码', 'Password'], required: ['必填', 'Required'],
  forgotPassword: ['忘记密码', 'Forgot password'], registerEmployer: ['用人单位注册', 'Register your company'],
  totpCode: ['动态码或恢复码', 'Code or recovery code'], totpCodeHint: ['身份验证器应用中的 6 位数字；手机丢失时可输入一个恢复码', 'The 6 digits in your authenticator app; without your phone, one of your recovery codes'],
  continue: ['继续', 'Continue'], secondFactor: ['第二因素验证', 'Second factor'],
  currentPassword: ['当前密码', 'Current password'], newPassword: ['新密码', 'New password'],
  passwordPolicy: ['至少 8 位，含大写字母、小写字母、数字、符号中的 3 类', 'At least 8 characters from 3 of: upper case, lower case, digits, symbols'],
  changePassword: ['修改密码', 'Change password'], passwordChangeDue: ['请先修改密码（首次登录或密码已到期）', 'Please change your password first (first sign-in, or it has expired)'],
  passwordChanged: ['密码已修改，其他设备上的登录已退出', 'Password changed; your other sessions were signed out'],
  enrolTitle: ['设置身份验证器', 'Set up an authenticator app'],
  enrolIntro: ['用身份验证器应用（如 Microsoft Authenticator、Google 身份验证器）扫描二维码，然后输入应用显示的 6 位数字。', 'Scan the QR code with an authenticator app (e.g. Microsoft Authenticator, Google Authenticator), then enter the 6 digits it shows.'],
  enrolQrAlt: ['身份验证器二维码', 'QR code for the authenticator app'], enrolConfirm: ['确认并启用', 'Confirm and turn on'],
  enrolManual: ['无法扫码时手动输入密钥：', 'Cannot scan? Enter this key by hand:'], enrolStart: ['开始设置', 'Set up now'],
  recoveryTitle: ['恢复码', 'Recovery codes'], recoveryIntro: ['请抄写或打印并妥善保存。手机丢失时，每个恢复码可代替动态码使用一次。本页关闭后不再显示。', 'Write these down or print them and keep them safe. Without your phone, each code works once instead of the app. They are not shown again.'],
  recoverySaved: ['我已保存，继续', 'I have saved them, continue'],
  usernameOrEmail: ['用户名或电子邮箱', 'User name or e-mail'], sendLink: ['发送重置链接', 'Send a reset link'],
  linkSent: ['如该账户登记了电子邮箱，重置链接已发送（限时有效，仅可使用一次）', 'If the account has an e-mail address, a reset link is on its way (it expires and works once)'],
  backToSignIn: ['返回登录', 'Back to sign-in'], setPassword: ['设置密码', 'Choose your password'],
  passwordSetSignIn: ['密码已设置，请登录', 'Your password is set: please sign in'],
  companyName: ['单位名称', 'Company name'], creditCode: ['统一社会信用代码', 'Unified social credit code'], creditCodeHint: ['18 位，见营业执照', '18 characters, on the business licence'],
  sizeBand: ['单位规模', 'Size'], size_micro: ['微型', 'Micro'], size_small: ['小型', 'Small'], size_medium: ['中型', 'Medium'], size_large: ['大型', 'Large'],
  contactName: ['联系人', 'Contact person'], contactPhone: ['联系电话', 'Phone'], contactEmail: ['电子邮箱', 'E-mail'],
  register: ['提交注册', 'Register'], registerIntro: ['注册后可先登录准备岗位草稿；就业服务机构审核通过后才能发布岗位、查看候选人。', 'After registering you can sign in and prepare drafts; publishing and candidates open once the employment office has verified your company.'],
  registeredPending: ['注册已提交，等待就业服务机构审核。现在可以登录。', 'Registration received and waiting for verification. You can sign in now.'],
  nav_verify: ['用人单位审核', 'Employer verification'], rejectReason: ['驳回理由', 'Reason for rejection'],
  verify: ['审核通过', 'Verify'], verifiedDone: ['已通过', 'Verified'], rejectedDone: ['已驳回', 'Rejected'],
  nav_account: ['我的账户', 'My account'], roles: ['角色', 'Roles'], office: ['服务机构', 'Office'],
  notVerified: ['待审核', 'not yet verified'], on: ['已启用', 'On'], off: ['未启用', 'Off'], sessionEnds: ['本次登录最迟结束于', 'This session ends at the latest'],
  signOutEverywhere: ['退出所有设备', 'Sign out everywhere'], signedOutEverywhere: ['已在所有设备上退出', 'Signed out on every device'],
  signedOut: ['已退出', 'Signed out'], sessionEnded: ['登录已结束，请重新登录', 'Your session has ended: please sign in again'],
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
  venue: ['地点', 'Venue'], districtCode: ['区县代码', 'District code'], companyDistrict: ['所在区县', 'District'], companyDistrictHint: ['填写区县名称，如 天河区', 'The district\'s name, e.g. 天河区 (Tianhe)'], campaign: ['专项活动', 'Campaign'],
  st_planned: ['计划中', 'Planned'], st_open: ['进行中', 'Open'], st_closed: ['已结束/关闭', 'Closed'], st_cancelled: ['已取消', 'Cancelled'],
  stats: ['统计', 'Statistics'], employers: ['用人单位', 'Employers'], booths: ['展位', 'Booths'], vacancies: ['岗位', 'Vacancies'], publishedVacancies: ['已发布岗位', 'Published vacancies'],
  positions: ['招聘人数', 'Positions'], attendance: ['入场人数', 'Attendance'], intentions: ['达成意向', 'Intentions reached'], booth: ['展位号', 'Booth'], employer: ['单位', 'Employer'], industry: ['行业', 'Industry'],
  // import
  importTitle: ['批量导入岗位', 'Bulk vacancy upload'], dropHere: ['把 Excel（.xlsx）、CSV 或 JSON 文件拖到这里，或', 'Drop an Excel (.xlsx), CSV or JSON file here, or'], chooseFile: ['选择文件', 'choose a file'],
  template: ['下载导入模板', 'Download the template'], allowCreate: ['按信用代码自动登记新单位', 'Register unknown employers from the row'], publishRows: ['通过审查的岗位直接发布', 'Publish rows that pass screening'],
  uploading: ['正在上传…', 'Uploading…'], progress: ['导入进度', 'Import progress'], inserted: ['新增', 'Inserted'], updated: ['更新', 'Updated'], unchanged: ['未变', 'Unchanged'], failedRows: ['失败', 'Failed'],
  imp_queued: ['排队中', 'Queued'], imp_running: ['导入中', 'Running'], imp_completed: ['已完成', 'Completed'], imp_failed: ['失败', 'Failed'],
  rowErrors: ['行错误（请修改文件后重新上传）', 'Row errors (fix the file and upload it again)'], row: ['行', 'Row'], column: ['列', 'Column'], field: ['字段', 'Field'], message: ['说明', 'Message'],
  errorsTruncated: ['错误过多，仅显示部分', 'Too many errors; only some are shown'], errorsCsv: ['下载错误明细 CSV', 'Download the errors as CSV'],
  // screening
  screening: ['内容审查', 'Screening'], findings: ['审查发现', 'Findings'], noFindings: ['未发现问题', 'No findings'], justify: ['说明依据', 'Justify'], basisCode: ['法律依据', 'Legal basis'], chooseBasis: ['请选择法律依据', 'Choose a legal basis'], chooseOccupation: ['没有足够把握的职业代码，请选择', 'No confident code: choose one'], noBasisApplies: ['没有适用于此类问题的法律依据', 'No legal basis covers this kind of finding'], basis: ['引用的依据', 'Cited basis'], basisScope: ['适用范围', 'Scope'],
  out_pass: ['通过', 'Pass'], out_review: ['需审核', 'Review'], out_block: ['拦截', 'Blocked'], wouldBe: ['发布后状态', 'Would be'], justified: ['已说明', 'Justified'],
  liveCheck: ['实时审查', 'Live check'], checking: ['审查中…', 'Checking…'],
  // vacancies
  myVacancies: ['岗位列表', 'Vacancies'], title: ['岗位名称', 'Title'], description: ['岗位描述', 'Description'], requirements: ['任职要求', 'Requirements'], howToApply: ['应聘方式', 'How to apply'],
  headcount: ['招聘人数', 'Openings'], wageMin: ['工资下限（元）', 'Pay from (CNY)'], wageMax: ['工资上限（元）', 'Pay to (CNY)'], educationMin: ['学历要求', 'Education'], contractType: ['用工形式', 'Contract'],
  experienceMinYears: ['经验（年）', 'Experience (years)'], occupation: ['职业', 'Occupation'], occupationSuggest: ['职业建议（点击选用）', 'Suggested occupations (click to use)'], publicWelfare: ['公益性岗位', 'Public welfare post'],
  saveDraft: ['保存草稿', 'Save draft'], publish: ['发布', 'Publish'], candidates: ['候选人', 'Candidates'], createdAt: ['创建时间', 'Created'], publishedAt: ['发布时间', 'Published'], wage: ['工资', 'Pay'],
  newVacancy: ['新建岗位', 'New vacancy'], editVacancy: ['修改岗位', 'Edit vacancy'], vacancyStatus: ['岗位状态', 'Vacancy status'], fair: ['招聘会', 'Fair'],
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
  duplicate: ['该身份证号码已登记，请打开现有档案', 'Already registered: open the existing record'], registered: ['登记成功：', 'Registered:'], existingRecord: ['现有记录（查看匹配岗位）', 'Existing record (its matches)'],
  seekers: ['求职者（脱敏）', 'Job seekers (masked)'], maskedName: ['姓名（脱敏）', 'Name (masked)'], ageBand: ['年龄段', 'Age band'], registeredAt: ['登记时间', 'Registered'], matches: ['匹配岗位', 'Matches'],
  // referrals
  referrals: ['推荐记录', 'Referrals'], newReferral: ['新建推荐', 'New referral'], seekerId: ['求职者编号', 'Job seeker id'], vacancyId: ['岗位编号', 'Vacancy id'], note: ['备注', 'Note'],
  outcome: ['结果', 'Outcome'], recordOutcome: ['记录结果', 'Record outcome'], contractStart: ['合同开始日期', 'Contract start'], contractMonths: ['合同期限（月）', 'Contract months'], monthlyWage: ['月工资（元）', 'Monthly wage (CNY)'],
  placement: ['就业登记', 'Placement'], placementMade: ['已登记就业：', 'Placement recorded:'], referralMade: ['推荐成功：', 'Referral made:'],
  // review
  reviewQueue: ['待审核岗位', 'Vacancies held for review'], reviewEmpty: ['没有待审核的岗位', 'No vacancy is waiting for review'], approve: ['通过', 'Approve'], reject: ['驳回', 'Reject'], reason: ['理由', 'Reason'], reasonRequired: ['驳回须填写理由', 'A reason is required to reject'],
  // reports
  supplyDemand: ['人力资源市场供求周报', 'Weekly supply-demand report'], runReport: ['生成/重新生成周报', 'Compile (or recompile) a week'], isoYear: ['年份', 'Year'], isoWeek: ['周次（ISO）', 'ISO week'],
  runQueued: ['已提交生成任务，稍后刷新', 'Queued; refresh in a moment'], openReport: ['打开报告（HTML）', 'Open the report (HTML)'], week: ['周', 'Week'], refresh: ['刷新', 'Refresh'],
  h_newVacancies: ['新增岗位', 'New vacancies'], h_newDemand: ['新增需求人数', 'New demand'], h_activeVacancies: ['有效岗位', 'Active vacancies'], h_activeDemand: ['有效需求人数', 'Active demand'],
  h_newSupply: ['新增求职人数', 'New supply'], h_activeSupply: ['有效求职人数', 'Active supply'], h_placements: ['就业人数', 'Placements'], h_ratio: ['求人倍率', 'Demand/supply ratio'],
  h_placementRate: ['就业率 %', 'Placement rate %'], h_fillRate: ['岗位满足率 %', 'Fill rate %'],
  wageGuidance: ['工资指导价位', 'Wage guidance'], wageEmpty: ['本期尚未发布工资指导价位（由夜间任务编制）', 'No wage guidance published for this period yet (compiled nightly)'],
  reportReady: ['周报已生成', 'The report is ready'], openWageReport: ['打开工资指导价位报告', 'Open the wage guidance report'], period: ['期间', 'Period'],
  // fairness / audit
  fairness: ['匹配公平性审计（仅汇总数据）', 'Matching fairness audit (aggregates only)'], dimension: ['维度', 'Dimension'], group: ['群体', 'Group'], matched: ['匹配', 'Matched'], hired: ['录用', 'Hired'],
  impactRatio: ['影响比', 'Impact ratio'], flagged: ['低于 4/5', 'Below 4/5'], flags: ['预警', 'Flags'], topN: ['前 N 名', 'Top N'],
  // lists, language switch, outcomes
  id: ['编号', 'ID'], pageSize: ['每页', 'Per page'], boothSearch: ['展位号或单位名称', 'Booth no. or employer'], minScore: ['最低匹配分', 'Min. score'],
  sort_boothNo: ['展位号', 'Booth no.'], sort_employer: ['单位名称', 'Employer name'], sort_intentions: ['达成意向数', 'Intentions reached'],
  oldestFirst: ['最早的在前', 'Oldest first'], newestFirst: ['最新的在前', 'Newest first'], year: ['年份', 'Year'],
  nav_outcomes: ['推荐与结果', 'Referrals & outcomes'], outcomes: ['推荐给本单位的求职者', 'People referred to us'], contact: ['联系方式', 'Contact'],
  contactHidden: ['（未授权提供联系方式）', '(no consent to share contact details)'], vacancy: ['岗位', 'Vacancy'], outcomeAt: ['结果时间', 'Outcome recorded'],
  cat_sex: ['性别', 'Sex'], cat_age: ['年龄', 'Age'], cat_ethnicity_race: ['民族/种族', 'Ethnicity'], cat_religion: ['宗教', 'Religion'], cat_household_registration: ['户籍', 'Household registration'],
  cat_marital_childbearing: ['婚育', 'Marriage/childbearing'], cat_health_disease: ['健康/病原携带', 'Health/disease'], cat_appearance_height: ['相貌/身高', 'Appearance/height'],
  cat_disability: ['残疾', 'Disability'], cat_fees: ['收费', 'Fees'], cat_wage: ['薪酬', 'Pay'], cat_contact: ['联系方式', 'Contact'], cat_other: ['其他', 'Other'],
  dim_sex: ['性别', 'Sex'], dim_ageBand: ['年龄段', 'Age band'], grp_female: ['女', 'Female'], grp_male: ['男', 'Male'], grp_unknown: ['未知', 'Unknown'],
  stage_matched: ['匹配', 'Matched'], stage_referred: ['已推荐', 'Referred'], stage_hired: ['录用', 'Hired'],
  // GB/T 4754-2017 sections (the same names as src/modules/employers/industries.ts)
  ind_A: ['农、林、牧、渔业', 'Agriculture, forestry and fishery'], ind_B: ['采矿业', 'Mining'], ind_C: ['制造业', 'Manufacturing'],
  ind_D: ['电力、热力、燃气及水生产和供应业', 'Electricity, heat, gas and water'], ind_E: ['建筑业', 'Construction'], ind_F: ['批发和零售业', 'Wholesale and retail'],
  ind_G: ['交通运输、仓储和邮政业', 'Transport, storage and post'], ind_H: ['住宿和餐饮业', 'Accommodation and catering'], ind_I: ['信息传输、软件和信息技术服务业', 'Information and software'],
  ind_J: ['金融业', 'Finance'], ind_K: ['房地产业', 'Real estate'], ind_L: ['租赁和商务服务业', 'Leasing and business services'], ind_M: ['科学研究和技术服务业', 'Research and technical services'],
  ind_N: ['水利、环境和公共设施管理业', 'Water, environment and public facilities'], ind_O: ['居民服务、修理和其他服务业', 'Resident services and repair'], ind_P: ['教育', 'Education'],
  ind_Q: ['卫生和社会工作', 'Health and social work'], ind_R: ['文化、体育和娱乐业', 'Culture, sports and entertainment'], ind_S: ['公共管理、社会保障和社会组织', 'Public administration'], ind_T: ['国际组织', 'International organisations'],
  act_read_personal_data: ['读取个人信息', 'Read personal data'], subj_seeker: ['求职者', 'Job seeker'], subj_seekers: ['求职者', 'Job seeker'],
  subj_office: ['服务机构', 'Office'], subj_referrals: ['推荐', 'Referral'], subj_placements: ['就业登记', 'Placement'], subj_saved_searches: ['保存的搜索', 'Saved search'], subj_vacancies: ['岗位', 'Vacancy'], subj_employers: ['用人单位', 'Employer'], subj_fairs: ['招聘会', 'Fair'], subj_account: ['账户', 'Account'], subj_referral_requests: ['推荐请求', 'Referral request'],
  otherSubject: ['其他', 'Other'], 'act_insert': ['新增', 'Created'], 'act_update': ['修改', 'Changed'], 'act_delete': ['删除', 'Deleted'],
  pf_name: ['姓名', 'name'], pf_nationalIdLast4: ['身份证后四位', 'ID last 4'], pf_phone: ['电话', 'phone'], pf_birthDate: ['出生日期', 'birth date'], pf_sex: ['性别', 'sex'],
  pf_ethnicity: ['民族', 'ethnicity'], pf_hukouType: ['户籍类型', 'hukou type'], pf_address: ['住址', 'address'], pf_lat: ['纬度', 'latitude'], pf_lon: ['经度', 'longitude'],
  pf_priorityGroups: ['重点群体', 'priority groups'], pf_priorityDocuments: ['已核验证件', 'certificates seen'], pf_unemployedSince: ['失业日期', 'unemployed since'],
  pf_consentAutomatedMatching: ['自动匹配授权', 'automated-matching consent'], pf_consentSearchable: ['检索授权', 'search consent'], pf_consentContactViaReferral: ['联系方式授权', 'contact consent'],
  pk_month: ['月度', 'Month'], pk_quarter: ['季度', 'Quarter'], pk_year: ['年度', 'Year'], region_all: ['全市', 'City-wide'],
  auditLog: ['个人信息访问日志', 'Personal-data read log'], at: ['时间', 'When'], actor: ['访问者', 'Who'], action: ['动作', 'Action'], subject: ['对象', 'Subject'], fields: ['字段', 'Fields'], subjectId: ['对象编号', 'Subject id'],
  // issue 19: the day at the counter
  nav_find: ['查找求职者', 'Find a person'], nav_requests: ['推荐请求', 'Referral requests'], nav_placements: ['就业登记', 'Placements'], nav_saved: ['保存的搜索与提醒', 'Saved searches & alerts'],
  exportXlsx: ['导出 Excel', 'Export .xlsx'], exportCsv: ['导出 CSV', 'Export CSV'], exportFailed: ['导出失败（服务暂不可用）', 'The export failed (service not available)'],
  typeToSearch: ['输入以搜索', 'Type to search'], noMatch: ['没有找到', 'Nothing found'], chooseFromList: ['请输入后从列表中选择', 'Type and choose from the list'],
  seekerLookupHint: ['姓名、手机号或身份证号', 'Name, phone or ID-card number'], vacancyLookupHint: ['岗位名称或单位名称', 'Job title or employer'],
  employerLookupHint: ['单位名称', 'Company name'], districtLookupHint: ['区县名称，如 天河区', 'District name, e.g. Tianhe'], officeLookupHint: ['服务机构名称', 'Office name'],
  occupationLookupHint: ['职业名称，如 电焊工', 'Occupation, e.g. welder'], bornIn: ['{y} 年生', 'born {y}'],
  verifyEmpty: ['没有待审核的用人单位', 'No company is waiting for verification'], vs_pending: ['待审核', 'Pending'], vs_verified: ['已通过', 'Verified'], vs_rejected: ['已驳回', 'Rejected'],
  fairResults: ['招聘会成效', 'Results'], exportResults: ['导出招聘会成效', 'Export the results'], saveAttendance: ['保存入场人数', 'Save attendance'],
  attendanceHint: ['入口处清点的入场人数，可随时更新', 'The head count at the entrance; update it as often as needed'],
  addBooth: ['安排展位', 'Add a booth'], boothAdded: ['已安排展位', 'Booth added'], moveTo: ['展位号（改号即移位）', 'Booth no. (change to move)'], removeBooth: ['撤销展位', 'Remove'], boothList: ['展位列表', 'Booths'],
  fairTo_open: ['开始（入场）', 'Open the fair'], fairTo_closed: ['结束招聘会', 'Close the fair'], fairTo_cancelled: ['取消招聘会', 'Cancel the fair'],
  templateXlsx: ['下载导入模板（Excel）', 'Download the template (.xlsx)'], templateCsv: ['CSV 模板', 'CSV template'],
  savedSearches: ['保存的搜索与岗位提醒', 'Saved searches and alerts'], savedHint: ['为求职者保存搜索条件；有新的匹配岗位时记录提醒（短信或邮件）', 'Save a search for a job seeker; new matching vacancies are recorded as alerts (SMS or e-mail)'],
  newSavedSearch: ['新建保存的搜索', 'New saved search'], seeker: ['求职者', 'Job seeker'], savedName: ['名称', 'Name'], wageFloor: ['最低月薪（元）', 'Minimum monthly pay (CNY)'],
  channel: ['提醒方式', 'Alert by'], ch_sms: ['短信', 'SMS'], ch_email: ['电子邮件', 'E-mail'], saveSearch: ['保存搜索', 'Save the search'], criteria: ['条件', 'Criteria'],
  lastRunAt: ['上次运行', 'Last run'], notYetRun: ['尚未运行', 'Not yet run'], alerts: ['提醒', 'Alerts'], showAlerts: ['查看提醒', 'Show alerts'], noAlerts: ['暂无提醒', 'No alerts yet'],
  sent: ['已发送', 'sent'], notSent: ['未发送', 'not sent'], delete: ['删除', 'Delete'], openRecord: ['查看档案', 'Open the record'],
  yuan: ['元', 'CNY'], yuanMonth: ['元/月', 'CNY a month'], weekLabel: ['{y} 年第 {w} 周', '{y} week {w}'],
  quarterly: ['季度供求分析与最缺工排行', 'Quarterly analysis and shortage ranking'], quarter: ['季度', 'Quarter'], quarterN: ['第 {n} 季度', 'Q{n}'],
  openQuarterly: ['查看季度分析', 'Show the quarter'], quarterlyReport: ['季度报告', 'Quarterly report'], shortageRanking: ['最缺工职业排行', 'Shortage ranking'],
  periodKind: ['期间类型', 'Period'], periodStart: ['期间起始日', 'Period starts'], periodStartHint: ['不填则为当前期间', 'Empty: the current period'],
  compileWage: ['编制工资指导价位', 'Compile wage guidance'], compileQueued: ['已提交编制任务：', 'Compilation queued:'], priceTable: ['工资价位表', 'Wage price table'],
  suppressed: ['样本不足不公布', 'withheld (too few)'], offeredPay: ['招聘报价工资（岗位）', 'Offered pay (vacancies)'], actualPay: ['实际工资（就业登记）', 'Actual pay (placements)'],
  payNote: ['报价工资来自招聘岗位，实际工资来自就业登记，二者口径不同，分列显示。单位：元/月。', 'Offered pay comes from vacancies, actual pay from placements: different measures, shown side by side. CNY a month.'],
  findPerson: ['查找求职者', 'Find a person'], findLabel: ['姓名、手机号或身份证号', 'Name, phone or ID-card number'],
  findHint: ['输入姓名（或姓名开头）、完整手机号或完整身份证号，点击姓名打开档案', 'Type a name (or how it starts), a full phone number or a full ID-card number; open the record by the name'],
  birthYear: ['出生年份', 'Born'], priorityGroups: ['重点群体（就业困难人员）', 'Priority groups'], record: ['档案', 'Record'], directPlacement: ['登记就业（无推荐）', 'Record a placement (no referral)'],
  birthDate: ['出生日期', 'Birth date'], desiredOccupation: ['求职意向（职业）', 'Desired occupation'], availableFrom: ['可到岗日期', 'Available from'], unemployedSince: ['失业日期', 'Unemployed since'],
  consents: ['授权', 'Consent'], yes: ['是', 'Yes'], no: ['否', 'No'], placements: ['就业登记', 'Placements'], history: ['经办记录', 'History'],
  eligibility: ['重点群体资格核验', 'Priority-group eligibility'], eligibilityHint: ['勾选重点群体后，按年龄、证件和状态即时核验', 'Tick a priority group to check it against age, documents and status'],
  eligibilityNeedsId: ['请先填写有效的身份证号码', 'Enter a valid ID-card number first'], priorityHint: ['须符合认定条件；不符合的类别会说明原因', 'Each must be met; a group that is not met says why'],
  eligible: ['符合', 'Eligible'], notEligible: ['不符合', 'Not eligible'],
  referralRequests: ['用人单位的推荐请求', 'Referral requests from employers'], requestsEmpty: ['没有待处理的推荐请求', 'No referral request is waiting'],
  rq_requested: ['待处理', 'Waiting'], requestedBy: ['提出人', 'Asked by'], rq_referred: ['已推荐', 'Referred'], rq_declined: ['已婉拒', 'Declined'], declineReason: ['婉拒理由', 'Reason to decline'], decline: ['婉拒', 'Decline'],
  requestReferral: ['请求推荐', 'Ask for a referral'], requested: ['已提交请求，等待就业服务机构处理', 'Requested; the employment office will decide'],
  vacancyOptional: ['岗位（可选）', 'Vacancy (optional)'], recordPlacement: ['登记就业', 'Record the placement'], placementList: ['就业登记列表', 'Placements'],
  payNotStated: ['面议', 'Negotiable'], expiresAt: ['截止日期', 'Closes on'], expiresHint: ['到期后岗位自动下架；不填按默认期限', 'The vacancy closes at the end of this day; empty: the default term'],
  wageUnit: ['计薪单位', 'Pay per'], payEmptyHint: ['工资面议可不填', 'Leave empty for 面议 (negotiable)'],
  reopen: ['重新发布', 'Reopen'], closeVacancy: ['关闭', 'Close'], markFilled: ['已招满', 'Mark filled'],
  candidatesListed: ['列出 {n} 人', '{n} listed'], contractFrom: ['合同开始自', 'Contract start from'], contractTo: ['合同开始至', 'Contract start to'], noReferral: ['（直接登记）', '(direct)'], noWeeklyYet: ['尚未生成周报：在上方选择年份和周次后生成', 'No weekly report yet: choose a year and week above and compile it'],
  priorityDocuments: ['已核验的证件', 'Certificates seen'], documentsHint: ['柜台查验过的证件原件', 'Originals checked at the counter'],
  pd_disability_certificate: ['残疾人证', 'Disability certificate'], pd_minimum_living_allowance_certificate: ['低保证明', 'Minimum living allowance certificate'],
  pd_zero_employment_household_certificate: ['零就业家庭证明', 'Zero-employment household certificate'], pd_land_requisition_certificate: ['征地证明', 'Land requisition certificate'],
  pd_graduation_certificate: ['毕业证书', 'Graduation certificate'], pd_veteran_certificate: ['退役军人证', 'Veteran certificate'],
  purpose_recruiter_search: ['允许用人单位检索脱敏简历', 'Recruiters may find the masked profile'], purpose_contact_release: ['推荐时提供联系方式', 'Contact details released on referral'],
  purpose_sensitive_categories: ['敏感个人信息', 'Sensitive personal data'], purpose_automated_matching: ['自动匹配推荐', 'Automated matching'],
  granted: ['同意', 'granted'], withdrawn: ['撤回', 'withdrawn'], otherAction: ['其他操作', 'Other action'], recordProfile: ['基本情况', 'Profile'],
  'act_seeker.lookup': ['查找', 'Looked up'], act_export_personal_data: ['导出个人信息', 'Exported personal data'], 'act_seeker.anonymise': ['匿名化', 'Anonymised'],
  'act_consent.grant': ['授权同意', 'Consent given'], 'act_consent.withdraw': ['撤回授权', 'Consent withdrawn'], 'act_seeker.write': ['修改登记信息', 'Record changed'],
};

export const LANGS = ['zh', 'en'];

/**
 * The API gives field messages (details[].message) in English whatever the language asked for,
 * so the page translates the ones it knows; anything else is shown as the server wrote it.
 * Each entry: [pattern, zh(match) , en(match)?] — en defaults to the server's own text.
 */
/** @type {[RegExp, (m: RegExpMatchArray) => string][]} */
const FIELD_MESSAGES = [
  [/^is required$/, () => '必填'],
  [/^must not be blank$/, () => '不能为空'],
  [/^is not an allowed field$/, () => '不是允许的字段'],
  [/^must be >= (.+)$/, (m) => `不能小于 ${m[1]}`],
  [/^must be <= (.+)$/, (m) => `不能大于 ${m[1]}`],
  [/^must be > (.+)$/, (m) => `必须大于 ${m[1]}`],
  [/^must be < (.+)$/, (m) => `必须小于 ${m[1]}`],
  [/^must NOT have more than (\d+) characters$/, (m) => `不能超过 ${m[1]} 个字符`],
  [/^must NOT have fewer than (\d+) characters$/, (m) => `至少 ${m[1]} 个字符`],
  [/^must NOT have more than (\d+) items$/, (m) => `不能超过 ${m[1]} 项`],
  [/^must NOT have fewer than (\d+) items$/, (m) => `至少 ${m[1]} 项`],
  [/^must NOT have duplicate items.*$/, () => '不能有重复项'],
  [/^must match format "date-time"$/, () => '日期时间格式不正确'],
  [/^must match format "date"$/, () => '日期格式不正确（YYYY-MM-DD）'],
  [/^must match format "uuid"$/, () => '编号格式不正确（应为 36 位 UUID）'],
  [/^must match format "(.+)"$/, (m) => `格式不正确（${m[1]}）`],
  [/^must match pattern .*$/, () => '格式不正确'],
  [/^must be integer$/, () => '必须是整数'],
  [/^must be number$/, () => '必须是数字'],
  [/^must be string$/, () => '必须是文本'],
  [/^must be boolean$/, () => '必须是“是”或“否”'],
  [/^must be (equal to one of the allowed values|equal to constant)$/, () => '不是允许的取值'],
  [/^must match a schema in anyOf$/, () => '不是允许的取值'],
  [/^must be at least wageMin$/, () => '不能低于工资下限'],
  [/^must be after startsAt$/, () => '须晚于开始时间'],
  [/^must be in the future$/, () => '须晚于当前时间'],
  [/^is in the future$/, () => '不能晚于当前时间'],
  [/^is before the referral was made$/, () => '早于推荐时间'],
  [/^is before the birth date$/, () => '早于出生日期'],
  [/^is required when outcome is hired$/, () => '录用时必填'],
  [/^is allowed only when outcome is hired$/, () => '仅在录用时填写'],
  [/^is required when occupationCode is given$/, () => '填写职业代码时必填'],
  [/^an ISCO-08 code has 1 to 4 digits$/, () => 'ISCO-08 代码为 1 至 4 位数字'],
  [/^a 2022 classification code looks like 6-18-02-04$/, () => '2022 版职业分类代码形如 6-18-02-04'],
  [/^lat and lon must be given together$/, () => '经度和纬度须同时填写'],
  [/^unknown employer$/, () => '用人单位不存在'],
  [/^unknown fair$/, () => '招聘会不存在'],
  [/^the fair is (.+)$/, () => '招聘会已结束或已取消'],
  [/^unknown office$/, () => '服务机构不存在'],
  [/^unknown job seeker$/, () => '求职者不存在'],
  [/^unknown vacancy$/, () => '岗位不存在'],
  [/^unknown district( code)?.*$/, () => '行政区划代码不存在'],
  [/^belongs to another employer$/, () => '不属于该用人单位'],
  [/^is required .*office.*$/, () => '必填（此密钥未绑定服务机构）'],
  [/^already has a booth$/, () => '该单位在本场已有展位'],
  [/^is taken$/, () => '已被占用'],
  [/^must be 17 digits followed by a digit or X$/, () => '必须为17位数字加1位数字或X'],
  [/^characters 7–14 are not a valid birth date$/, () => '第7–14位不是有效的出生日期'],
  [/^check character does not match \(typo\?\)$/, () => '校验码不符（可能输入有误）'],
  [/^does not match the birth date in the national ID \((.+)\)$/, (m) => `与身份证号码中的出生日期（${m[1]}）不一致`],
  [/^does not match the sex encoded in the national ID$/, () => '与身份证号码中的性别不一致'],
  [/^the person must be at least (\d+) years old$/, (m) => `求职登记须年满${m[1]}周岁`],
  [/^birth date is in the future$/, () => '出生日期晚于今天'],
  [/^is not a valid mobile or landline number$/, () => '不是有效的手机或固定电话号码'],
  [/^is required when rejecting$/, () => '驳回时必须填写理由'],
];

/** A server field message (always English) in the page language; null when it is not known. */
export function fieldMessage(lang, english) {
  const text = String(english ?? '');
  if (lang === 'en') return text;
  for (const [re, zh] of FIELD_MESSAGES) {
    const m = text.match(re);
    if (m) return zh(m);
  }
  return null;
}

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

/** True when there is interface text for this key. */
export const hasText = (/** @type {string} */ key) => Object.prototype.hasOwnProperty.call(S, key);
