/**
 * The occupational catalogue of the generated city: which jobs a Guangzhou-sized public
 * employment service sees, how often, at what pay, who fills them and who offers them.
 * Sources and the published figures each column imitates are in docs/demo-city.md.
 *
 * Demand weights follow the MOHRSS 2022 Q4 "最缺工的100个职业" ranking (the top ten carry the
 * largest weights, in their published order) and its group shares (41 of 100 in major group 6,
 * 30 in group 4, 23 in group 2). `supply` is job seekers registered per position: below 1 the
 * occupation is short of people, above 1 it has a surplus (clerical and office jobs, as in the
 * quarterly analyses). Pay is a Guangzhou monthly range in CNY (2023 工资价位 orders of
 * magnitude), before the generator's spread.
 */

export type Edu = 'none' | 'primary' | 'junior_secondary' | 'senior_secondary' | 'vocational' | 'associate' | 'bachelor' | 'master' | 'doctorate';
/** 技术等级: 职业资格/技能等级 五级…一级, and professional titles 技术员/工程师/高级工程师. */
export const SKILL_GRADES = ['none', 'vq5', 'vq4', 'vq3', 'vq2', 'vq1', 'technician', 'engineer', 'senior_engineer'] as const;
export type SkillGrade = (typeof SKILL_GRADES)[number];

export interface CatalogueOccupation {
  /** 2022 classification detailed occupation (细类). */
  cn: string;
  /** The occupation's name in the 2022 classification. */
  name: string;
  /** Titles employers actually post for it (the first is the most common). */
  titles: string[];
  /** ISCO-08 unit group (hand-assigned, as in src/modules/occupations/coder/zh-isco-map.json). */
  isco: string;
  /** Relative demand weight (positions). */
  w: number;
  /** Job seekers per position. */
  supply: number;
  lo: number;
  hi: number;
  /** Typical education of the people who do it (vacancies ask for this or one level less). */
  edu: Edu;
  skills: string[];
  /** GB/T 4754-2017 sections of the employers that hire it. */
  ind: string[];
  /** Which grade ladder applies: vocational qualification, professional title, or none. */
  ladder: 'vq' | 'pro' | 'none';
}

const o = (cn: string, name: string, titles: string[], isco: string, w: number, supply: number, lo: number, hi: number, edu: Edu, skills: string[], ind: string, ladder: CatalogueOccupation['ladder'] = 'none'): CatalogueOccupation => ({
  cn, name, titles: titles.length ? titles : [name], isco, w, supply, lo, hi, edu, skills, ind: ind.split(''), ladder,
});

export const CATALOGUE: CatalogueOccupation[] = [
  // ── the 2022 Q4 top ten, in order ──
  o('4-01-02-01', '营销员', ['销售代表', '营销员', '电话销售', '门店销售顾问'], '5242', 60, 0.45, 4500, 9000, 'senior_secondary', ['客户开发', '产品介绍', '沟通表达', '销售谈判'], 'FCKJ'),
  o('6-22-01-01', '汽车生产线操作工', ['汽车生产线操作工', '总装操作工', '汽车零部件装配工'], '8189', 52, 0.4, 5500, 8000, 'junior_secondary', ['流水线作业', '装配', '5S管理'], 'C', 'vq'),
  o('4-02-07-08', '快递员', ['快递员', '快递派送员', '快递收派员'], '9621', 48, 0.45, 6500, 10000, 'junior_secondary', ['快件收派', '驾驶电动车', '智能手机操作'], 'G'),
  o('4-03-02-05', '餐厅服务员', ['餐厅服务员', '传菜员', '楼面服务员'], '5131', 44, 0.5, 4200, 5500, 'junior_secondary', ['点餐服务', '餐台布置', '服务礼仪'], 'H', 'vq'),
  o('4-01-02-03', '商品营业员', ['商品营业员', '导购员', '超市营业员'], '5223', 40, 0.55, 4200, 5800, 'junior_secondary', ['商品陈列', '收银', '顾客接待'], 'F'),
  o('4-10-01-06', '家政服务员', ['家政服务员', '住家保姆', '钟点工'], '9111', 36, 0.5, 5500, 8000, 'junior_secondary', ['家居保洁', '烹饪', '照护老人'], 'O', 'vq'),
  o('4-09-08-01', '保洁员', ['保洁员', '清洁工', '商场保洁'], '9112', 34, 0.7, 3200, 4000, 'primary', ['清洁保洁', '垃圾分类'], 'NKO'),
  o('4-07-05-01', '保安员', ['保安员', '物业保安', '门岗保安'], '5414', 32, 0.7, 4200, 5500, 'junior_secondary', ['安全巡逻', '监控值守', '消防常识'], 'LK', 'vq'),
  o('6-31-05-00', '包装工', ['包装工', '打包员', '成品包装工'], '9321', 30, 0.6, 4800, 6200, 'junior_secondary', ['包装作业', '流水线作业'], 'C'),
  o('6-18-01-01', '车工', ['车工', '普通车床工', '数控车工'], '7223', 28, 0.4, 6500, 9500, 'vocational', ['车床操作', '识图', '量具使用'], 'C', 'vq'),
  // ── group 6: production and manufacturing ──
  o('6-18-01-07', '多工序数控机床操作调整工', ['数控机床操作工', 'CNC操作员', '加工中心操作工'], '7223', 22, 0.4, 6500, 10000, 'vocational', ['数控编程', '加工中心操作', '识图'], 'C', 'vq'),
  o('6-18-02-04', '焊工', ['电焊工', '氩弧焊工', '二保焊工'], '7212', 22, 0.45, 7000, 10500, 'junior_secondary', ['电焊', '氩弧焊', '焊工证'], 'CE', 'vq'),
  o('6-18-01-02', '铣工', ['铣工', '数控铣工'], '7223', 14, 0.45, 6500, 9000, 'vocational', ['铣床操作', '识图'], 'C', 'vq'),
  o('6-31-01-03', '电工', ['电工', '维修电工', '水电工'], '7411', 22, 0.55, 6000, 9000, 'vocational', ['低压电工证', '电气线路安装', 'PLC'], 'CKEL', 'vq'),
  o('6-31-01-02', '机修钳工', ['机修钳工', '设备维修工'], '7233', 14, 0.5, 6500, 9000, 'vocational', ['设备维修', '钳工', '液压气动'], 'C', 'vq'),
  o('6-20-01-01', '装配钳工', ['装配钳工', '装配工'], '8211', 14, 0.5, 5500, 8000, 'vocational', ['装配', '钳工', '识图'], 'C', 'vq'),
  o('6-25-04-07', '电子设备装接工', ['电子装配工', 'SMT操作员', '电子设备装接工'], '8212', 18, 0.6, 5000, 6800, 'junior_secondary', ['焊锡', 'SMT', '电子元器件识别'], 'C', 'vq'),
  o('6-05-01-03', '缝纫工', ['车缝工', '缝纫工', '平车工'], '7533', 14, 0.55, 5500, 8500, 'junior_secondary', ['平车', '车缝'], 'C', 'vq'),
  o('6-05-01-02', '裁剪工', ['裁床工', '裁剪工'], '7532', 6, 0.6, 5000, 7000, 'junior_secondary', ['裁剪', '排料'], 'C'),
  o('6-14-02-00', '塑料制品成型制作工', ['注塑工', '注塑机操作工', '吹塑工'], '8142', 12, 0.55, 5000, 7000, 'junior_secondary', ['注塑机操作', '模具更换'], 'C', 'vq'),
  o('6-18-04-01', '模具工', ['模具工', '模具钳工'], '7222', 8, 0.5, 7000, 10000, 'vocational', ['模具装配', '钳工', '识图'], 'C', 'vq'),
  o('6-18-01-12', '冲压工', ['冲压工', '冲床工'], '7223', 8, 0.6, 5000, 7000, 'junior_secondary', ['冲床操作'], 'C', 'vq'),
  o('6-18-03-03', '涂装工', ['喷漆工', '涂装工'], '7132', 7, 0.55, 6000, 8500, 'junior_secondary', ['喷涂', '调漆'], 'C', 'vq'),
  o('6-30-05-01', '起重装卸机械操作工', ['叉车司机', '叉车工', '行车工'], '8344', 14, 0.55, 6000, 8000, 'junior_secondary', ['叉车证', '叉车驾驶', '仓库作业'], 'GC', 'vq'),
  o('6-31-03-05', '质检员', ['质检员', 'QC检验员', '品检员'], '7543', 12, 0.8, 5000, 7000, 'senior_secondary', ['来料检验', '量具使用', '质量记录'], 'C', 'vq'),
  o('6-22-02-01', '汽车装调工', ['汽车装调工', '整车调试工'], '8211', 8, 0.45, 6000, 8500, 'vocational', ['整车调试', '装配'], 'C', 'vq'),
  o('6-31-07-03', '工业机器人系统操作员', ['工业机器人操作员', '机器人运维员'], '3122', 7, 0.4, 6500, 9500, 'associate', ['工业机器人编程', 'PLC', '设备调试'], 'C', 'vq'),
  o('6-20-03-01', '机床装调维修工', ['机床装调维修工', '数控机床维修工'], '7233', 5, 0.45, 7000, 10000, 'vocational', ['数控机床维修', '电气调试'], 'C', 'vq'),
  o('6-02-01-01', '糕点面包烘焙师', ['面包师', '烘焙师', '西点师'], '7512', 8, 0.6, 5000, 7500, 'junior_secondary', ['面包制作', '西点裱花'], 'CF', 'vq'),
  o('6-01-05-01', '水产品加工工', ['水产品加工工', '海鲜处理工'], '7511', 4, 0.6, 4500, 6000, 'primary', ['水产品处理'], 'C'),
  o('6-29-01-01', '砌筑工', ['砌筑工', '泥瓦工'], '7112', 6, 0.55, 7500, 11000, 'primary', ['砌砖', '抹灰'], 'E', 'vq'),
  o('6-29-01-04', '钢筋工', ['钢筋工'], '7114', 6, 0.5, 8000, 11000, 'primary', ['钢筋绑扎', '识图'], 'E', 'vq'),
  o('6-29-01-03', '混凝土工', ['混凝土工'], '7114', 4, 0.55, 7500, 10000, 'primary', ['混凝土浇筑'], 'E', 'vq'),
  o('6-29-01-05', '架子工', ['架子工'], '7119', 4, 0.45, 8000, 12000, 'primary', ['脚手架搭设', '高处作业证'], 'E', 'vq'),
  o('6-29-02-08', '防水工', ['防水工'], '7121', 3, 0.55, 7000, 9500, 'primary', ['防水施工'], 'E', 'vq'),
  o('6-29-03-04', '管工', ['管道工', '水管工'], '7126', 4, 0.55, 7000, 9500, 'junior_secondary', ['管道安装', '识图'], 'EK', 'vq'),
  o('6-29-03-03', '电梯安装维修工', ['电梯安装维修工', '电梯维保员'], '7412', 5, 0.45, 6500, 9500, 'vocational', ['电梯维保', '特种设备作业证'], 'EL', 'vq'),
  o('6-29-03-05', '制冷空调系统安装维修工', ['空调安装维修工', '制冷维修工'], '7127', 5, 0.5, 6000, 9000, 'vocational', ['空调安装', '制冷作业证'], 'EO', 'vq'),
  o('6-06-04-00', '家具制作工', ['家具木工', '家具制作工'], '7522', 4, 0.6, 6000, 8500, 'junior_secondary', ['木工', '封边', '打磨'], 'C', 'vq'),
  // ── group 4: services ──
  o('4-03-02-01', '中式烹调师', ['厨师', '炒锅', '中餐厨师'], '5120', 26, 0.55, 6000, 9500, 'junior_secondary', ['粤菜烹饪', '刀工', '食品安全'], 'H', 'vq'),
  o('4-03-02-02', '中式面点师', ['面点师', '点心师'], '5120', 10, 0.6, 5500, 8000, 'junior_secondary', ['广式点心', '面点制作'], 'H', 'vq'),
  o('4-01-02-04', '收银员', ['收银员', '超市收银员'], '5230', 14, 0.9, 4200, 5200, 'senior_secondary', ['收银', '点钞'], 'FH'),
  o('4-07-02-03', '客户服务管理员', ['客服专员', '在线客服', '电话客服'], '4222', 18, 0.9, 4500, 6500, 'associate', ['电脑打字', '客户沟通', '投诉处理'], 'ILJF', 'vq'),
  o('4-10-01-05', '养老护理员', ['养老护理员', '护工'], '5322', 16, 0.45, 5000, 7000, 'junior_secondary', ['生活照料', '基础护理', '养老护理员证'], 'Q', 'vq'),
  o('4-10-01-03', '保育师', ['保育员', '保育师'], '5311', 8, 0.7, 4300, 5800, 'senior_secondary', ['幼儿照护', '卫生消毒'], 'P', 'vq'),
  o('4-10-01-01', '婴幼儿发展引导员', ['育婴员', '育婴师', '月嫂'], '5311', 10, 0.5, 6500, 11000, 'junior_secondary', ['婴幼儿护理', '母婴护理'], 'O', 'vq'),
  o('4-06-01-01', '物业管理师', ['物业管理员', '物业客服', '物业管家'], '5153', 10, 0.9, 4800, 6800, 'associate', ['物业服务', '客户沟通', '收费管理'], 'K'),
  o('4-02-06-01', '仓储管理员', ['仓库管理员', '仓管员', '仓储专员'], '4321', 16, 1.2, 5000, 6800, 'senior_secondary', ['出入库管理', 'ERP系统', '库存盘点'], 'GCF'),
  o('4-02-05-01', '装卸搬运工', ['装卸工', '搬运工', '分拣员'], '9333', 22, 0.5, 5500, 8000, 'primary', ['装卸搬运', '分拣'], 'G'),
  o('4-02-02-02', '道路货运汽车驾驶员', ['货车司机', 'A2货车司机', '厢式货车司机'], '8332', 16, 0.55, 8000, 12000, 'junior_secondary', ['A2驾驶证', '道路运输从业资格证', '安全驾驶'], 'G'),
  o('4-02-02-01', '客运车辆驾驶员', ['公交车司机', '客车司机', '通勤车司机'], '8331', 8, 0.5, 7000, 9500, 'junior_secondary', ['A1驾驶证', '安全驾驶'], 'G'),
  o('4-10-08-01', '网约配送员', ['外卖骑手', '配送员', '同城配送员'], '9621', 20, 0.5, 6500, 11000, 'junior_secondary', ['电动车驾驶', '智能手机操作'], 'GI'),
  o('4-12-01-01', '汽车维修工', ['汽车维修工', '汽修学徒', '机修师傅'], '7231', 12, 0.5, 5500, 9000, 'vocational', ['汽车保养', '故障诊断', '机修'], 'FO', 'vq'),
  o('4-10-03-01', '美容师', ['美容师', '美容顾问'], '5142', 10, 0.6, 5000, 9000, 'junior_secondary', ['皮肤护理', '美容仪器'], 'O', 'vq'),
  o('4-10-03-02', '美发师', ['美发师', '发型师', '美发助理'], '5141', 8, 0.6, 5000, 9000, 'junior_secondary', ['剪发', '烫染'], 'O', 'vq'),
  o('4-10-04-02', '保健按摩师', ['按摩师', '足疗师'], '3255', 6, 0.6, 6000, 9000, 'junior_secondary', ['推拿按摩'], 'O', 'vq'),
  o('4-03-01-01', '前厅服务员', ['前台接待', '酒店前台'], '4224', 7, 0.8, 4300, 5500, 'senior_secondary', ['前台接待', '电脑操作', '英语口语'], 'H', 'vq'),
  o('4-03-01-02', '客房服务员', ['客房服务员', '酒店客房员'], '5162', 7, 0.6, 4000, 5200, 'junior_secondary', ['客房清洁', '服务礼仪'], 'H', 'vq'),
  o('4-01-06-01', '电子商务师', ['电商运营', '直播带货主播', '网店运营'], '2434', 12, 0.8, 5500, 10000, 'associate', ['店铺运营', '直播带货', '数据分析'], 'FI', 'vq'),
  o('4-04-05-03', '呼叫中心服务员', ['话务员', '呼叫中心客服'], '4222', 8, 0.9, 4300, 5800, 'senior_secondary', ['电话沟通', '电脑打字'], 'IJ'),
  o('4-02-06-03', '物流服务师', ['物流专员', '物流跟单员'], '4323', 6, 1.0, 5000, 7000, 'associate', ['物流跟单', 'ERP系统'], 'G'),
  o('4-02-06-02', '理货员', ['理货员', '超市理货员'], '9334', 8, 0.7, 4300, 5500, 'junior_secondary', ['商品上架', '库存盘点'], 'F'),
  o('4-01-01-00', '采购员', ['采购员', '采购专员'], '3323', 5, 1.3, 5500, 8000, 'associate', ['供应商管理', '询价议价'], 'CF'),
  o('4-03-02-08', '咖啡师', ['咖啡师'], '5132', 4, 0.8, 4500, 6500, 'senior_secondary', ['咖啡制作', '拉花'], 'H', 'vq'),
  o('4-09-10-01', '园林绿化工', ['绿化工', '园林养护工'], '6113', 6, 0.8, 3800, 5000, 'primary', ['绿化养护', '修剪'], 'N', 'vq'),
  o('4-07-05-03', '消防设施操作员', ['消防设施操作员', '消防控制室值班员'], '5411', 6, 0.6, 4500, 6000, 'senior_secondary', ['消防设施操作员证', '监控值守'], 'KL', 'vq'),
  o('4-14-01-02', '医疗护理员', ['医院护工', '医疗护理员'], '5321', 6, 0.55, 5000, 7000, 'junior_secondary', ['生活照料', '基础护理'], 'Q', 'vq'),
  o('4-07-03-04', '企业人力资源管理师', ['人事专员', '招聘专员', 'HR助理'], '3339', 5, 2.4, 5000, 7500, 'associate', ['招聘', '员工关系', '社保办理'], 'LCI', 'vq'),
  // ── group 2: professionals ──
  o('2-02-07-01', '机械设计工程技术人员', ['机械设计工程师', '结构工程师'], '2144', 8, 0.6, 9000, 15000, 'bachelor', ['SolidWorks', 'AutoCAD', '机械制图'], 'CM', 'pro'),
  o('2-02-09-02', '电子元器件工程技术人员', ['电子工程师', '硬件工程师'], '2152', 6, 0.6, 10000, 17000, 'bachelor', ['电路设计', 'PCB设计', '单片机'], 'CI', 'pro'),
  o('2-02-10-03', '计算机软件工程技术人员', ['软件工程师', 'Java开发工程师', '前端开发工程师'], '2512', 10, 0.9, 12000, 22000, 'bachelor', ['Java', 'Python', 'SQL', '前端开发'], 'I', 'pro'),
  o('2-02-10-04', '计算机网络工程技术人员', ['网络工程师', '网络运维工程师'], '2523', 4, 0.8, 9000, 15000, 'bachelor', ['网络配置', 'Linux'], 'IJ', 'pro'),
  o('2-02-30-09', '数据分析处理工程技术人员', ['数据分析师', '数据工程师'], '2511', 4, 1.0, 11000, 20000, 'bachelor', ['SQL', 'Python', '数据分析'], 'IJ', 'pro'),
  o('2-02-07-07', '自动控制工程技术人员', ['自动化工程师', '电气自动化工程师'], '2151', 6, 0.55, 10000, 16000, 'bachelor', ['PLC', '自动控制', '电气设计'], 'C', 'pro'),
  o('2-02-11-01', '电工电器工程技术人员', ['电气工程师'], '2151', 5, 0.6, 9000, 14000, 'bachelor', ['电气设计', 'AutoCAD'], 'CE', 'pro'),
  o('2-02-18-02', '土木建筑工程技术人员', ['土建工程师', '施工员', '造价员'], '2142', 6, 1.1, 8000, 13000, 'associate', ['施工管理', 'AutoCAD', '工程造价'], 'EM', 'pro'),
  o('2-02-29-03', '质量管理工程技术人员', ['质量工程师', 'QE工程师'], '2141', 5, 0.8, 8500, 13000, 'bachelor', ['质量体系', '8D报告', 'ISO9001'], 'C', 'pro'),
  o('2-02-30-01', '工业工程技术人员', ['IE工程师', '工艺工程师'], '2141', 4, 0.7, 8500, 13000, 'bachelor', ['精益生产', '工艺改善'], 'C', 'pro'),
  o('2-06-03-00', '会计专业人员', ['会计', '总账会计', '成本会计'], '2411', 8, 2.2, 6500, 10000, 'bachelor', ['会计核算', '税务申报', 'Excel'], 'LCFJ', 'pro'),
  o('2-05-08-01', '内科护士', ['护士', '注册护士', '病区护士'], '2221', 10, 0.6, 7000, 11000, 'associate', ['护士执业资格', '临床护理'], 'Q', 'pro'),
  o('2-05-06-01', '药师', ['药师', '药店执业药师'], '2262', 5, 0.7, 6500, 10000, 'associate', ['执业药师', '处方审核'], 'QF', 'pro'),
  o('2-08-02-04', '小学教师', ['小学教师', '小学数学教师', '小学英语教师'], '2341', 5, 1.3, 8000, 13000, 'bachelor', ['教师资格证', '课堂教学'], 'P', 'pro'),
  o('2-08-03-00', '幼儿园教师', ['幼儿园教师', '幼师'], '2342', 7, 0.8, 5500, 8000, 'associate', ['教师资格证', '幼儿教育'], 'P', 'pro'),
  o('2-06-07-02', '市场营销专业人员', ['市场专员', '市场推广专员'], '2431', 5, 1.4, 7000, 11000, 'bachelor', ['市场推广', '新媒体运营', '策划'], 'LIF', 'pro'),
  o('2-06-08-01', '人力资源管理专业人员', ['人力资源主管', '人力资源经理'], '2423', 3, 2.0, 8000, 13000, 'bachelor', ['人力资源规划', '绩效管理'], 'LC', 'pro'),
  o('2-09-06-01', '视觉传达设计人员', ['平面设计师', '美工'], '2166', 4, 1.8, 6000, 10000, 'associate', ['Photoshop', 'Illustrator', '平面设计'], 'LIR', 'pro'),
  o('2-07-11-01', '社会工作者', ['社工', '社区社工'], '2635', 4, 1.0, 5500, 7500, 'bachelor', ['社会工作者证', '个案管理'], 'QS', 'pro'),
  o('2-10-05-00', '翻译', ['英语翻译', '外贸翻译'], '2643', 2, 1.6, 7000, 11000, 'bachelor', ['英语', '商务英语'], 'LF', 'pro'),
  // ── group 3: clerks (a surplus in every quarterly analysis) ──
  o('3-01-01-01', '行政办事员', ['行政文员', '行政专员', '办公室文员'], '4110', 10, 3.2, 4500, 6000, 'associate', ['办公软件', '公文写作', '档案管理'], 'LCIKS'),
  o('3-01-02-02', '秘书', ['秘书', '总经理助理'], '3343', 3, 2.8, 5500, 8000, 'associate', ['办公软件', '会议安排', '公文写作'], 'LCJ'),
  o('3-01-04-02', '城市管理网格员', ['网格员', '社区网格员'], '3359', 4, 1.6, 4500, 5800, 'senior_secondary', ['社区走访', '信息采集'], 'S'),
  o('3-01-04-01', '村务和社区工作者', ['社区工作者', '社区专职工作人员'], '3412', 3, 2.5, 5000, 6500, 'associate', ['社区服务', '办公软件'], 'S'),
  o('3-01-01-03', '统计调查员', ['统计员', '数据录入员'], '4132', 3, 2.2, 4200, 5500, 'senior_secondary', ['数据录入', 'Excel'], 'SLC'),
  // ── group 5: agriculture ──
  o('5-01-02-02', '园艺工', ['园艺工', '花卉种植工'], '6113', 3, 0.8, 4000, 5500, 'primary', ['花卉种植', '育苗'], 'A', 'vq'),
  o('5-01-02-01', '农艺工', ['农场工人', '蔬菜种植工'], '6111', 3, 0.9, 4000, 5200, 'primary', ['蔬菜种植', '农机操作'], 'A', 'vq'),
  o('5-03-02-02', '家禽饲养员', ['家禽饲养员', '养殖场工人'], '6122', 2, 0.8, 4500, 6000, 'primary', ['家禽饲养', '防疫消毒'], 'A', 'vq'),
  o('5-05-01-01', '农业技术员', ['农业技术员', '农技员'], '3142', 2, 0.9, 5000, 7000, 'vocational', ['病虫害防治', '农业技术推广'], 'AM', 'vq'),
  // ── group 1: managers (few, and published as management-grade breakdowns) ──
  o('1-06-01-02', '企业经理', ['店长', '生产经理', '门店经理'], '1420', 4, 1.2, 10000, 20000, 'associate', ['团队管理', '经营管理'], 'FCH'),
];

/** Prefix-stable by construction: every entry has a detailed (level 4) code. */
export const BY_CN = new Map(CATALOGUE.map((c) => [c.cn, c]));

export const EDU_ORDER: Edu[] = ['none', 'primary', 'junior_secondary', 'senior_secondary', 'vocational', 'associate', 'bachelor', 'master', 'doctorate'];
export const eduRank = (e: Edu) => EDU_ORDER.indexOf(e);

/** Industry → words that name an employer of it, and the employer types (用人单位性质) it has. */
export const INDUSTRY_STYLE: Record<string, { words: string[]; ownership: [Ownership, number][]; size: [('micro' | 'small' | 'medium' | 'large'), number][] }> = {
  A: { words: ['农业发展有限公司', '生态农场', '花卉园艺有限公司', '养殖专业合作社'], ownership: [['private', 60], ['collective', 30], ['individual', 10]], size: [['micro', 40], ['small', 50], ['medium', 10]] },
  C: { words: ['汽车零部件有限公司', '精密机械有限公司', '电子科技有限公司', '塑胶制品有限公司', '服饰有限公司', '食品有限公司', '家具有限公司', '五金制品有限公司', '智能装备有限公司'], ownership: [['limited_liability', 40], ['private', 25], ['joint_stock', 10], ['foreign', 10], ['hk_macao_taiwan', 10], ['state_owned', 5]], size: [['small', 25], ['medium', 45], ['large', 30]] },
  D: { words: ['供电服务有限公司', '燃气有限公司', '水务有限公司'], ownership: [['state_owned', 80], ['limited_liability', 20]], size: [['medium', 50], ['large', 50]] },
  E: { words: ['建筑工程有限公司', '建设集团有限公司', '机电安装工程有限公司', '装饰工程有限公司'], ownership: [['limited_liability', 50], ['private', 30], ['state_owned', 20]], size: [['small', 30], ['medium', 40], ['large', 30]] },
  F: { words: ['商贸有限公司', '百货有限公司', '超市有限公司', '医药连锁有限公司', '汽车销售服务有限公司', '电子商务有限公司'], ownership: [['private', 45], ['limited_liability', 35], ['individual', 10], ['joint_stock', 5], ['foreign', 5]], size: [['micro', 20], ['small', 40], ['medium', 30], ['large', 10]] },
  G: { words: ['物流有限公司', '速递有限公司', '供应链管理有限公司', '运输有限公司', '公共交通有限公司'], ownership: [['limited_liability', 45], ['private', 30], ['state_owned', 20], ['joint_stock', 5]], size: [['small', 25], ['medium', 40], ['large', 35]] },
  H: { words: ['餐饮管理有限公司', '酒家', '大酒店有限公司', '茶餐厅', '酒店管理有限公司'], ownership: [['private', 50], ['limited_liability', 25], ['individual', 20], ['hk_macao_taiwan', 5]], size: [['micro', 20], ['small', 45], ['medium', 30], ['large', 5]] },
  I: { words: ['信息科技有限公司', '网络科技有限公司', '软件有限公司', '数据服务有限公司'], ownership: [['limited_liability', 60], ['private', 30], ['joint_stock', 10]], size: [['micro', 15], ['small', 45], ['medium', 30], ['large', 10]] },
  J: { words: ['银行股份有限公司分行', '保险代理有限公司', '金融服务外包有限公司'], ownership: [['joint_stock', 50], ['state_owned', 30], ['limited_liability', 20]], size: [['medium', 50], ['large', 50]] },
  K: { words: ['物业管理有限公司', '物业服务有限公司', '房地产开发有限公司'], ownership: [['limited_liability', 60], ['private', 25], ['state_owned', 15]], size: [['small', 30], ['medium', 45], ['large', 25]] },
  L: { words: ['保安服务有限公司', '人力资源服务有限公司', '企业管理咨询有限公司', '会展服务有限公司'], ownership: [['limited_liability', 50], ['private', 35], ['state_owned', 15]], size: [['small', 40], ['medium', 40], ['large', 20]] },
  M: { words: ['检测技术有限公司', '工程设计有限公司', '技术服务有限公司'], ownership: [['limited_liability', 60], ['private', 25], ['public_institution', 15]], size: [['small', 50], ['medium', 40], ['large', 10]] },
  N: { words: ['环境卫生服务中心', '园林绿化养护中心', '市政环卫有限公司'], ownership: [['public_institution', 50], ['state_owned', 30], ['limited_liability', 20]], size: [['small', 40], ['medium', 50], ['large', 10]] },
  O: { words: ['家政服务有限公司', '美容美发店', '汽车维修服务有限公司', '养生馆', '母婴护理服务有限公司'], ownership: [['private', 50], ['individual', 35], ['limited_liability', 15]], size: [['micro', 50], ['small', 40], ['medium', 10]] },
  P: { words: ['幼儿园', '实验小学', '职业培训学校'], ownership: [['public_institution', 55], ['private', 45]], size: [['small', 50], ['medium', 50]] },
  Q: { words: ['护理院', '颐养院', '社区卫生服务中心', '医院'], ownership: [['public_institution', 50], ['private', 40], ['limited_liability', 10]], size: [['small', 30], ['medium', 50], ['large', 20]] },
  R: { words: ['文化传播有限公司', '传媒有限公司'], ownership: [['limited_liability', 60], ['private', 40]], size: [['micro', 30], ['small', 60], ['medium', 10]] },
  S: { words: ['街道办事处', '社区居民委员会', '街道党群服务中心'], ownership: [['government', 70], ['public_institution', 30]], size: [['small', 60], ['medium', 40]] },
};

/** 用人单位性质 (MOHRSS quarterly analysis, 按用人单位性质分组). */
export const OWNERSHIP = ['state_owned', 'collective', 'joint_stock', 'limited_liability', 'private', 'hk_macao_taiwan', 'foreign', 'individual', 'public_institution', 'government', 'other'] as const;
export type Ownership = (typeof OWNERSHIP)[number];

/** Trade names (字号): two characters each, the way Guangzhou companies are named. */
export const TRADE_NAMES = '珠江 羊城 穗丰 粤海 白云 越秀 海珠 天河 南华 岭南 花城 五羊 广益 宏达 恒信 嘉华 骏业 利通 联合 美华 南方 鹏程 锐新 顺德 泰和 万业 祥瑞 新穗 宇航 兆丰 中穗 卓越 安信 宝华 诚信 大同 东方 丰泽 冠华 广源 汇通 金穗 康泰 乐华 明珠 启航 荣昌 盛世 同心 伟业 协力 信达 永安 誉华 志远 致远 中联 众合 骏豪 雅居 禾丰 穗安 穗通 穗康 粤新 粤星 南粤 荔湾 流花 番禺 花都 增益 从新 黄埔 南沙 云山 越华 穗港 穗华 粤泰 恒发 富华 和信 美信 新宝 华南 广信 鸿运 瑞丰 长兴 合盛 金沙 天力 晨光'.split(' ');

/** 求职人员类别 of the MOHRSS quarterly analysis (mutually exclusive). */
export const SEEKER_CATEGORIES = ['new_youth_graduate', 'new_youth_other', 'employed_to_unemployed', 'other_unemployed', 'employed', 'retired', 'student', 'local_rural', 'nonlocal'] as const;
export type SeekerCategory = (typeof SEEKER_CATEGORIES)[number];

/** Management grade (管理岗位等级) of a placement, for wage guidance. */
export const MANAGEMENT_GRADES = ['senior', 'middle', 'junior', 'staff'] as const;
