/**
 * Evaluates free-text skill → ESCO skill mapping (Chinese lexicon + English labels).
 * Run: `npx tsx scripts/eval-skill-mapping.ts` (add `--show` to print every clause).
 *
 * Sets (method and caveats: docs/eval/skill-mapping.md):
 * 1. held-out: 180 requirement clauses drawn with a seeded PRNG from the zhaopin postings
 *    (`--sample 180` prints the draw), labelled by hand with the ESCO skills they ask for
 *    before the mapper was run on them. Clauses 1–120 (set 1) were then used once to revise
 *    the lexicon; clauses 121–180 (set 1b) were labelled after that revision and run once.
 * 2. demo profile lines: the 12 free-text lines of seeds/demo (in-sample: they were read
 *    while building the lexicon).
 * 3. lagou skill labels: every skill tag of the lagou postings (in-sample: the lexicon
 *    was built from them); coverage only.
 *
 * Gold: one entry per skill concept the text asks for; `a|b` = either ESCO preferred label
 * is right; a leading `?` marks a concept that is acceptable when found but not required
 * (the text mentions it only in passing), so it counts neither as a miss nor as a false hit.
 * A mapping counts when its confidence reaches 0.6, the matcher's threshold (features.ts).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { createOccupationCoder, loadDefaultCoderData, type SkillMatch } from '../src/modules/occupations/index.js';
import { prng } from '../src/lib/prng.js';

const DATA = new URL('../../shared/data/', import.meta.url);
const THRESHOLD = 0.6;
const SAMPLE_SEED = 20261123;

const csv = (file: string) =>
  parse(readFileSync(new URL(file, DATA)), { columns: true, bom: true, relax_column_count: true, relax_quotes: true }) as Record<string, string>[];

/** Requirement texts split into clauses (numbered items, sentences), 6–80 chars, with Chinese. */
export function drawClauses(n: number): string[] {
  const clauses: string[] = [];
  const seen = new Set<string>();
  for (const r of csv('postings/zhaopin_python_jobs_2018.csv')) {
    const parts = (r.requirements ?? '').split(
      /[；;。\n！!]|\s+(?=\d{1,2}\s*[、.．)）])|(?<=\s)[a-z]\)\s*|(?:^|\s)\d{1,2}\s*[、.．)）]|[（(]\d{1,2}[)）]|岗位职责[:：]?|任职(?:资格|要求)[:：]?|职位要求[:：]?|工作职责[:：]?/,
    );
    for (let c of parts) {
      c = (c ?? '').replace(/^[\s\d、.．)）:：,，-]+/, '').replace(/\s+/g, ' ').trim();
      if (c.length < 6 || c.length > 80 || !/\p{Script=Han}/u.test(c) || seen.has(c)) continue;
      seen.add(c);
      clauses.push(c);
    }
  }
  const rand = prng(SAMPLE_SEED).next;
  const idx = clauses.map((_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx.slice(0, n).map((i) => clauses[i]);
}

// Shorthands for concepts that recur in the gold labels.
const PY = 'Python (computer programming)';
const JAVA = 'Java (computer programming)';
const DB = 'database|use databases|database management systems|design database scheme';
const OS = 'operating systems';
const WEB = 'web programming|implement front-end website design';
const FE = 'implement front-end website design|web programming';
const HTML = 'use markup languages';
const ARCH = 'define software architecture|create software design|software architecture models';
const REQ = 'analyse business requirements|define technical requirements|ICT system user requirements';
const DOC = 'provide technical documentation|draft scientific or academic papers and technical documentation';
const TESTAUTO = 'develop automated software tests|tools for ICT test automation';
const TESTCASE = 'develop ICT test suite|execute software tests|develop automated software tests|perform software unit testing';
const COMM = 'communication';
const TEAM = 'work in teams|teamwork principles';
const RESP = 'assume responsibility|accept own accountability';
const STRESS = 'cope with stress|tolerate stress';
const LEARN = 'demonstrate willingness to learn|manage personal professional development';
const CREATE = 'think creatively|develop creative ideas';
const SOLVE = 'solve problems|create solutions to problems';
const ANALYTIC = 'think analytically';
const INDEP = 'work independently|handle tasks independently';
const AI = 'principles of artificial intelligence';
const DA = 'perform data analysis|data analytics';
const PROG = 'computer programming';
const LESSON = 'prepare lesson content|provide lesson materials|compile course material';
const BLOCK = 'blockchain platforms|principles of distributed ledger technology';
const opt = (c: string) => `?${c}`;

/** Set 1: the first 120 clauses of drawClauses(120), labelled by hand (see the header). */
const HELD_OUT: [string, string[]][] = [
  ['（数据库系统）', [DB]],
  ['网络用户通信行为数据分析', [DA]],
  ['我们是一家创业公司，在做互联网保险相关的产品，期待你的加入', []],
  ['公司提供下午茶、水果等', []],
  ['了解mysql数据库', ['MySQL', opt(DB)]],
  ['熟练使用python，一年以上python开发经验', [PY]],
  ['有很强的团队意识、责任意识、承压能力及沟通能力', [TEAM, RESP, STRESS, COMM]],
  ['熟悉Windows/Linux平台下的Python程序设计,精通Python，精通Tornado', [OS, PY, opt(PROG)]],
  ['精通一种开源爬虫框架，如scrapy、webmagic、nutch、heritrix等，有开发爬虫框架经验优先', [opt(PROG)]],
  ['AI相关前沿技术研究和新技术调研', [AI]],
  ['有自动化测试经验的优先', [TESTAUTO]],
  ['大型分布式系统、云平台开发经验', ['distributed computing', 'cloud technologies']],
  ['负责效率工具的后台开发工作，具体包括需求分析、文档撰写、设计编码、测试运维、效果追踪等工作', [REQ, DOC, opt(WEB), opt(PROG), opt(ARCH)]],
  ['解决存在的问题，改进开发效率，持续优化服务', [opt(SOLVE)]],
  ['【百度实习】-【金融数据智能部】 –【 java/python实习生】-【北京】', [JAVA, PY]],
  ['负责相关工具及平台的设计和优化方案制定，并参与定制化开发', [opt(ARCH), opt(PROG)]],
  ['完成产品软件模块规划、设计', [ARCH]],
  ['精通Python 至少一种开发框架如django 有2 年以上的项目开发或管理经 验', [PY, opt('project management'), opt(PROG)]],
  ['熟悉MySQL数据库以及优化方法，了解常用的NoSQL产品，如MongoDB，Redis，Memcache', ['MySQL', 'NoSQL', opt(DB)]],
  ['*我们关心每一位多牛人的健康，健身房，水果，零食饮料等多项软福利', []],
  ['全网的餐饮行业数据以及相关数据收集', [opt('gather data|process data'), opt(DA)]],
  ['熟悉主流Web框架，了解架构设计和实现原理', [WEB, ARCH]],
  ['参与云平台项目的管理', ['cloud technologies', 'project management']],
  ['优先条件： ● 熟悉Docker应用，有k8s或Mesos或Swarm经验', [opt('cloud technologies')]],
  ['有过前端交互组件封装、项目插件定制经验者优先', [FE]],
  ['具备配合前端工程师的团队开发经验', [TEAM, opt(FE)]],
  ['自主学习能力，尤其是基于英文资料的学习', [LEARN, 'English']],
  ['学习和研究新技术以满足产品的需求', [LEARN]],
  ['负责Python技术的相关产品规划、需求、设计、开发、测试等研发工作', [PY, opt(REQ), opt('plan product management'), opt(ARCH), opt(PROG)]],
  ['年以上工作经验，统招本科', []],
  ['建立和完善开发文档', [DOC]],
  ['● 有运维平台/监控平台/资产管理平台/性能度量平台开发经验', [opt(PROG)]],
  ['参与广告系统相关逻辑的设计、开发、优化和维护', [opt(PROG), opt(ARCH)]],
  ['根据第三方平台提供的数据,进行清洗,整理,分析', ['process data', DA]],
  ['开发了世界首款股权投资机器人，曾担任首席数据科学家', []],
  ['岗位吸引力：', []],
  ['能够独立完成前端网页的制作、前端交互效果的实现', [FE, opt(INDEP)]],
  ['国内外知名大学“计算机”专业硕士学历，国内院校需“985、211”院校毕业', []],
  ['配合市场部门的招生宣传工作', []],
  ['负责产品的研发工作', []],
  ['工作积极主动，踏实认真，乐于沟通，具有良好的团队协作能力', ['show initiative', 'act reliably', COMM, TEAM]],
  ['善于分析和解决问题，比较强的学习经验和创新能力，有责任心', [SOLVE, opt(ANALYTIC), LEARN, CREATE, RESP]],
  ['浙江大学，乔治华盛顿大学', []],
  ['热爱工作， 有良好的学习能力， 能够接受新鲜事务， 对新技术及新模块可以快速掌握运用', [LEARN, opt('adapt to change')]],
  ['有一定的Git、VIM使用经验', ['tools for software configuration management']],
  ['岗位要求：本科及以上学历，计算机、通信及相关专业.3年以上开发经验，其中python至少一年，熟练使用python及类库', [PY]],
  ['表现优秀会有机会参加平台建设方面的工作', []],
  ['有授课/讲座经验者优先', ['teach in academic or vocational contexts', opt('conduct public presentations')]],
  ['年以上相同行业工作经验2，熟悉pyhon语言编程', [PY, opt(PROG)]],
  ['熟悉python-Web框架(flask|django等),有Shell脚本使用经验', [PY, WEB, 'use scripting programming']],
  ['熟练使用javarscript，jquery、html5、css等相关前端技术', ['JavaScript|JavaScript Framework', HTML, 'CSS', FE]],
  ['对系统架构有了解', [ARCH]],
  ['*工作认真负责，沟通协作意识良好，能够承担工作压力.先来点实际的：*多牛传媒为每一位员工提供最人性化的薪酬福利，工作环境', [RESP, COMM, TEAM, STRESS]],
  ['职位描述： ● 负责运维支撑平台、运维自动化平台及相关工具的设计和开发', [opt(PROG)]],
  ['具备全面的软件知识结构认知（操作系统、软件工程、设计模式、数据结构、数据库系统、网络安全）', [OS, opt('computer engineering'), 'use software design patterns', opt('algorithms'), DB, 'ensure information security|ICT network security risks']],
  ['计算机相关专业，本科及以上学历 -能熟练地应用以下一门或几门技术进行软件开发', [opt(PROG)]],
  ['负责自动化运维平台的建设，并参与开发', []],
  ['优秀的数据库设计和优化能力，至少精通一种常用的关系型数据库，精通Mysql数据集群应用开发优先', [DB, 'MySQL']],
  ['转正之后，不仅可以拥有在帝都体面生活的月薪+年底bonus，还有每年一次的海外旅行集体团建，更有机会拿到股票期权', []],
  ['设备自动化测试，品控管理', [opt('use testing equipment|' + TESTAUTO), 'oversee quality control|quality standards|quality assurance procedures']],
  ['熟悉Javascript，Html、Css等Web前端开发', ['JavaScript', HTML, 'CSS', FE]],
  ['*我们等待你的加入', []],
  ['主要语言为Python/Golang', [PY]],
  ['团队均是来自MIT，清华，北大，复旦等国内外顶尖名校的精英，同时具有多年的互联网、金融、教育等行业的从业经验', []],
  ['熟练掌握一种Python web开发框架（Tornado 、Django、flask或其他框架）, 理解HTTP协议', [PY, WEB]],
  ['熟悉多线程、网络通信编程相关知识', ['use concurrent programming', opt(PROG)]],
  ['熟练使用mysql，有过redis、memcache等缓存数据库，对消息队列有一定了解', ['MySQL', 'NoSQL', opt(DB)]],
  ['责任心强，乐于沟通，善于团队合作', [RESP, COMM, TEAM]],
  ['餐饮行业数据分析', [DA]],
  ['在这里，我们将为每一位员工提供工作方法、创新精神的全方位指导，并提供宽敞舒适的办公环境、齐全的办公硬件及免费健身房等设施支持', []],
  ['自主、独立设计、完成团队内部的工具、平台、创新技术产品', [opt(INDEP), opt(CREATE)]],
  ['熟悉Redis，熟练掌握Shell编程', ['NoSQL', 'use scripting programming', opt(PROG)]],
  ['【用人要求】需具备3年以上Python开发经验，参与过大型高并发网站开发和实施工作', [PY, WEB, opt('use concurrent programming')]],
  ['负责产品架构设计', [ARCH]],
  ['熟悉分布式、缓存、消息、搜索等机制，有分布式系统、集群架构设计和使用经验优先', ['distributed computing', opt(ARCH)]],
  ['与产品研发人员充分沟通，开发运维平台，保证产品的运维质量，保证产品正常运行', [COMM]],
  ['员工活动：公司为您提供年度旅游、羽毛球、乒乓球赛、部门聚会、部门唱K、户外拓展等丰富多彩的娱乐活动，让您在业余时间得到放松和快乐', []],
  ['全公司服务器的自动化运维，自研发系统自动化发布实现', []],
  ['逻辑思维清晰，良好的文字和语言沟通表达能力，有良好的团队合作精神', [ANALYTIC, COMM, TEAM]],
  ['熟悉python及Python3语言，熟悉常用库的使用，熟悉Django、tornado、flask等web框架中的一种', [PY, WEB]],
  ['参与本学科教材修订、编写工作，协助完成与教学产品研发相关的其他工作', [LESSON]],
  ['有大数据、人工智能相关项目者优先', ['analyse big data', AI]],
  ['有自动化测试经验优先考虑', [TESTAUTO]],
  ['学习能力强，善于接受新事物，解决新问题', [LEARN, SOLVE, opt('adapt to change')]],
  ['做事严谨踏实，责任心强，主动积极，条理清楚，善于学习总结，有良好的团队合作精神和沟通协调能力', ['act reliably', RESP, 'show initiative', LEARN, TEAM, COMM]],
  ['具备良好的分析解决问题能力，能独立承担任务，有系统进度把控能力', [SOLVE, opt(ANALYTIC), INDEP, opt('manage time|project management')]],
  ['高校计算机相关专业本科及以上学历', []],
  ['维护题库运转，校对试题，进行本学科题库建设', ['proofread text']],
  ['有优秀的系统设计和架构的意识，熟悉常用的运维系统的设计原则，熟悉软件设计模式和软件工程', [ARCH, 'use software design patterns', opt('computer engineering')]],
  ['熟练并掌握python、Java语言，有一定的软件架构师经验', [PY, JAVA, ARCH]],
  ['*参与性能优化', []],
  ['了解HTML/XHTML、CSS等网页制作技术，熟悉页面架构和布局', [HTML, 'CSS', FE]],
  ['熟悉HTML/HTML5,CSS/CSS3,Javascript技术,熟悉前端框架Bootstrap,Vue,React等', [HTML, 'CSS', 'JavaScript', FE, opt('JavaScript Framework')]],
  ['具有系统设计及架构能力，自身系统拆分及外部对接', [ARCH, opt('integrate system components')]],
  ['教学设计：根据美国大学“计算机”课程要求，将课程计划分解为高中三年教学目标，分阶段完成教学课件', [LESSON, opt('curriculum objectives'), opt('teach in academic or vocational contexts')]],
  ['● 熟悉一种Python或golang常用的开发框架，有一定的web前端技能', [PY, FE]],
  ['可以独立编写测试用例', [TESTCASE, opt(INDEP)]],
  ['对医疗行业感兴趣优先', []],
  ['编写相关技术文档，编写核心测试案例', [DOC, TESTCASE]],
  ['负责服务器性能的优化，保证服务端稳定安全的运行', []],
  ['a) 熟悉Web的开发和应用', [WEB]],
  ['熟练使用MySQL，掌握常用的基础语句，熟悉基本索引优化', ['MySQL', opt('SQL|use query languages')]],
  ['良好的沟通与表达能力、思路清晰，较强的动手能力与逻辑分析能力，对工作和生活充满了热情', [COMM, ANALYTIC]],
  ['/211重点高校计算机类or师范类专业在校生', []],
  ['有前端开发知识储备，熟悉Javascript、CSS，html，了解常用的前端框架， 包括不限于Bootstrap，Jquery 等', [FE, 'JavaScript', 'CSS', HTML, opt('JavaScript Framework')]],
  ['区块链领域领先者，己盈利，多个知名机构投资，工作地点在地铁站附近', []],
  ['公司介绍星尘数据是一家人工智能基础设施的云平台', []],
  ['日常工作使用英语流利的读/写文档和邮件', ['English']],
  ['善于学习，乐于钻研，责任心强', [LEARN, RESP]],
  ['了解异步框架、集群与负载均衡，消息中间件，容灾备份等技术', [opt('perform backups'), opt('use concurrent programming'), opt('distributed computing')]],
  ['拥有区块链知识者优先', [BLOCK]],
  ['设计AI系统运行的底层运行架构，能够支持模型的全生命周期各个环节：数据采集、数据标注、特征提取、训练、回测、上线、学习、迭代、弹性扩展等', [AI, ARCH, opt('utilise machine learning|machine learning'), opt('gather data')]],
  ['根据开发进度和任务分配，完成相应模块软件的设计、开发、编程任务', [opt(ARCH), opt(PROG)]],
  ['了解比特币、区块链、AI算法、量化投资等优先', [BLOCK, AI, opt('algorithms'), 'investment analysis']],
  ['熟悉时间序列模型，分类器和神经网络算法', ['artificial neural networks|deep learning|utilise machine learning', opt('utilise machine learning|machine learning'), opt('statistics'), opt('algorithms')]],
  ['年以上爬虫开发经验，有分布式爬虫架构经验优先', [opt('distributed computing'), opt(PROG)]],
  ['*熟悉python语言，2年以上python项目开发经验', [PY]],
  ['对爬取的内容进行提取、处理、优化、过滤，审核，入库等操作', ['process data']],
  ['参与运营平台、运维系统的需求分析、设计、编码', [REQ, opt(ARCH), opt(PROG)]],
  ['人品正直诚实，能够独立承受工作压力', [STRESS, opt(INDEP), opt('act reliably')]],
];

/** Set 1b: clauses 121–180 of the same draw, labelled after the lexicon was revised on set 1 (see the doc). */
const HELD_OUT_B: [string, string[]][] = [
  ['负责服务器端软件的研发工作，包括服务器端需求沟通，架构设计，核心技术研发，线上服务维护等', [ARCH, opt(REQ), opt(COMM), opt(WEB)]],
  ['熟悉Restful service, JSON, XML等常用数据结构的解析', [opt(HTML), opt(WEB)]],
  ['从事Web前端开发工作经验5年以上，具有大型网站前端开发经验者优先', [FE]],
  ['服务端相关组件开发', [opt(WEB), opt(PROG)]],
  ['优秀的分析问题和解决问题的能力，对解决具有挑战性的问题充满激情', [SOLVE, opt(ANALYTIC)]],
  ['负责后台系统服务的设计和优化', [opt(ARCH), opt(WEB)]],
  ['承担重点、难点的技术攻坚', []],
  ['公司介绍： 深度加速是一家加速器型种子基金，专注于孵化移动互联网创业公司，致力于将有梦想的年轻人培养成一枚即将升空的“火箭”', []],
  ['积极乐观，认真负责，乐于协作', [RESP, TEAM, opt('show initiative')]],
  ['对爬虫感兴趣，能独立爬取数据', [opt(INDEP), opt('gather data')]],
  ['负责API接口平台的架构设计、开发、测试', [ARCH, opt('execute software tests'), opt(PROG)]],
  ['至少熟练使用一种JS框架，熟练使用 vue.js 框架优先', ['JavaScript Framework|JavaScript']],
  ['熟练掌握Django、Tornado等任一Web开发框架', [WEB]],
  ['负责分析业务领域比较复杂的问题，提出解决方案并执行', [SOLVE, opt(ANALYTIC)]],
  ['熟练使用正则表达式、csspath、xpath等，能够从结构化的和非结构化的数据中获取信息', [opt('gather data|unstructured data'), opt('process data')]],
  ['有1年及以上的Python WEB服务端开发经验', [PY, WEB]],
  ['具有自动化运维平台、云管理平台开发能力和经验者重度github 用户优先', [opt('cloud technologies'), opt('tools for software configuration management')]],
  ['进行量化投资管理平台系统和大数据并行计算平台的开发、日常维护与升级3.协助进行程序化交易系统的开发与维护', [opt('investment analysis'), opt('analyse big data'), opt('use concurrent programming')]],
  ['有强烈的上进心和求知欲，善于学习和运用新知识', [LEARN]],
  ['运维监控平台研发，能够主动学习新技术，熟悉zabbix、ganglia或nigios 平台的二次开发，可以通过量化指标，提升运维质量', [LEARN, opt('show initiative')]],
  ['年以上的Python开发经验，具有扎实的Python编程基础，熟悉scrapy/selenium/Beautiful Soup等常见Python爬虫框架', [PY, opt(PROG)]],
  ['满足以下一个或多个条件者优先考虑： - 具备前端开发能力，包括html/css/javascript等技术', [FE, HTML, 'CSS', 'JavaScript']],
  ['理解数据库原理和SQL优化，了解常用数据库', [DB, 'SQL|use query languages']],
  ['熟练使用关系型数据库，有数据库运维经验优先录用', [DB]],
  ['相关工作经验3年以上', []],
  ['具有大规模高并发访问的应用开发经验优先', ['use concurrent programming', opt(PROG)]],
  ['计算机相关专业，本科以上学历', []],
  ['具备专业领域的计算机知识和技能：搜索引擎、数据挖掘/机器学习、多媒体、地理信息系统、云计算、分布式系统等 优先考虑', [opt('search engines'), 'perform data mining|data mining', 'utilise machine learning|machine learning', 'geographic information systems|use geographic information systems', 'cloud technologies', 'distributed computing']],
  ['熟悉python后端开发，能处理JS网页更佳', [PY, WEB, opt('JavaScript')]],
  ['负责云平台、CMDB、作业平台等API接口的编写', [opt('cloud technologies'), opt(PROG)]],
  ['有自动化运维意识，多人开发及版本控制管理经验', ['tools for software configuration management', opt(TEAM)]],
  ['承担主要开发工作，对代码质量及进度负责', [opt(RESP)]],
  ['有较强的责任心和上进心', [RESP]],
  ['*精通python语言，3年以上python项目开发经验', [PY]],
  ['熟悉Shell编程的优先考虑', ['use scripting programming']],
  ['熟悉linux及常规操作', [OS]],
  ['能熟练使用Python语言进行日常开发工作： - 能熟练使用MySQL，具备优秀的数据库设计能力', [PY, 'MySQL', DB]],
  ['熟悉mysql，redis，mongo等常用数据库，具有数据库开发和设计能力', ['MySQL', 'NoSQL', DB]],
  ['职位描述：1，追踪区块链技术的发展动态，了解和把握数字货币和区块链领域的新问题和新动向', [BLOCK]],
  ['*参与数据模型设计和实现', ['create data models|data models']],
  ['由于最近在开拓海外电商信息采集，外语能力强优先考虑', [opt('e-commerce systems'), opt('gather data'), opt('English')]],
  ['分析并解决软件开发过程中的问题', [SOLVE, opt(ANALYTIC), opt(PROG)]],
  ['使用过Flask或SanicWeb框架，熟悉掌握Rabbitmq或Kafka消息组件', [WEB]],
  ['熟悉TCP/IP和网络编程，熟悉多线程编程和websocket协议', ['use concurrent programming', opt(PROG)]],
  ['内部系统开发', []],
  ['大专以上学历，计算机相关专业', []],
  ['我们需要你：*互联网网站、网页、链接的特征挖掘', [opt('perform data mining|data mining')]],
  ['】1、负责产品技术管理,协助上级对技术层面把关', [opt('plan product management')]],
  ['熟悉多线程/多进程编程/HTTP协议', ['use concurrent programming', opt(WEB)]],
  ['熟练使用Python', [PY]],
  ['有海外社交平台采集有经验者优先', [opt('gather data')]],
  ['负责业务系统的架构设计以及核心功能模块的实现', [ARCH]],
  ['参与公司产品和工具研发', []],
  ['负责前瞻技术的跟踪调研和落地 .', []],
  ['*了解tornado,或flask、django框架，并深入了解其中一种', [opt(WEB)]],
  ['统招本科，计算机相关专业，2年以上自动化测试经验', [TESTAUTO]],
  ['熟悉linux系统', [OS]],
  ['参与百度金融平台相关产品开发和运维工作', []],
  ['有良好的英文能力，，要求至少能够看懂英文项目资料', ['English']],
  ['精通Python 等脚本语言开发，具有实际研发PaaS 或IaaS 经验优先', [PY, 'use scripting programming', opt('cloud technologies')]],
];

/** Set 2: seeds/demo PROFILE_LINES, labelled by hand (in-sample). */
const DEMO_LINES: [string, string[]][] = [
  ['有多年工厂流水线经验，能适应倒班', ['work in shifts']],
  ['做过餐饮服务和收银，沟通能力较好', ['serve food in table service|maintain customer service', 'operate cash register|process payments', COMM]],
  ['持有C1驾照，熟悉本市道路', ['drive vehicles', opt('drive in urban areas|operate GPS systems')]],
  ['曾在物业公司做保安，责任心强', ['ensure public safety and security', RESP]],
  ['会使用办公软件，做过文员和前台', ['use microsoft office|office software', 'perform office routine activities', 'greet guests']],
  ['有电工证，做过设备维修', ['electricity|install electrical and electronic equipment|maintain electrical equipment', 'perform machine maintenance|maintain equipment']],
  ['照顾家人多年，希望找离家近的工作', []],
  ['应届毕业生，学习能力强，希望从事技术岗位', [LEARN]],
  ['做过仓库管理和出入库登记', ['manage warehouse inventory|manage inventory|maintain warehouse database']],
  ['有护理经验，持有养老护理员证书', ['tend to elderly people|implement fundamentals of nursing']],
  ['熟悉Python和数据分析，做过报表开发', [PY, DA, opt('write work-related reports|business intelligence')]],
  ['做过销售，有客户资源', ['sell products', opt('maintain relationship with customers')]],
];

// ── scoring ───────────────────────────────────────────────────────────────────────────────

/** ESCO preferred label → short id (UUID), from the full skills file. */
function escoIds(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of csv('esco/skills_en.csv')) {
    const id = r.conceptUri.slice(r.conceptUri.lastIndexOf('/') + 1);
    const label = r.preferredLabel.trim();
    out.set(label, [...(out.get(label) ?? []), id]);
  }
  return out;
}

interface Concept { ids: Set<string>; optional: boolean; text: string }

function concepts(gold: string[], ids: Map<string, string[]>): Concept[] {
  return gold.map((g) => {
    const optional = g.startsWith('?');
    const labels = (optional ? g.slice(1) : g).split('|');
    const set = new Set<string>();
    for (const l of labels) {
      const found = ids.get(l);
      if (!found) throw new Error(`gold label not in skills_en.csv: "${l}"`);
      found.forEach((x) => set.add(x));
    }
    return { ids: set, optional, text: labels[0] };
  });
}

interface Score { texts: number; withGold: number; covered: number; coveredRight: number; predicted: number; correct: number; goldConcepts: number; found: number; misses: string[]; wrong: string[] }

function score(set: [string, string[]][], extract: (t: string) => SkillMatch[], ids: Map<string, string[]>, show: boolean): Score {
  const s: Score = { texts: set.length, withGold: 0, covered: 0, coveredRight: 0, predicted: 0, correct: 0, goldConcepts: 0, found: 0, misses: [], wrong: [] };
  for (const [text, gold] of set) {
    const cs = concepts(gold, ids);
    const required = cs.filter((c) => !c.optional);
    const pred = extract(text).filter((m) => m.skillId && m.confidence >= THRESHOLD);
    const predIds = new Set(pred.map((m) => m.skillId!));
    const right = pred.filter((m) => cs.some((c) => c.ids.has(m.skillId!)));
    if (required.length) {
      s.withGold += 1;
      if (pred.length) s.covered += 1;
      if (right.length) s.coveredRight += 1;
    }
    s.predicted += pred.length;
    s.correct += right.length;
    s.goldConcepts += required.length;
    const found = required.filter((c) => [...c.ids].some((id) => predIds.has(id)));
    s.found += found.length;
    for (const c of required) if (!found.includes(c)) s.misses.push(`${c.text}  ⟵ ${text}`);
    for (const m of pred) if (!right.includes(m)) s.wrong.push(`${m.label} (${m.confidence})  ⟵ ${text}`);
    if (show) console.log(`${text}\n   → ${pred.map((m) => `${m.label} ${m.confidence}`).join('; ') || '—'}`);
  }
  return s;
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : 'n/a');

function report(name: string, s: Score) {
  console.log(`\n## ${name}`);
  console.log(`texts ${s.texts}, with at least one required skill ${s.withGold}`);
  console.log(`coverage (texts with a required skill where ≥1 skill was mapped): ${s.covered}/${s.withGold} = ${pct(s.covered, s.withGold)}`);
  console.log(`  … where ≥1 mapped skill is right: ${s.coveredRight}/${s.withGold} = ${pct(s.coveredRight, s.withGold)}`);
  console.log(`precision (mapped skills that are right): ${s.correct}/${s.predicted} = ${pct(s.correct, s.predicted)}`);
  console.log(`recall (required skill concepts found): ${s.found}/${s.goldConcepts} = ${pct(s.found, s.goldConcepts)}`);
}

function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--sample') {
    drawClauses(Number(args[1] ?? 120)).forEach((c, i) => console.log(`${i + 1}\t${c}`));
    return;
  }
  const show = args.includes('--show');
  // The frozen gold must be exactly the seeded draw, or the set is not what the doc says.
  const drawn = drawClauses(HELD_OUT.length + HELD_OUT_B.length);
  const frozen = [...HELD_OUT, ...HELD_OUT_B].map(([t]) => t);
  const mismatch = drawn.findIndex((c, i) => c !== frozen[i]);
  if (mismatch >= 0) throw new Error(`held-out clause ${mismatch + 1} differs from the seeded draw: "${drawn[mismatch]}"`);

  const ids = escoIds();
  const data = loadDefaultCoderData();
  const full = createOccupationCoder(data);
  const noLexicon = createOccupationCoder({ ...data, zhSkillMap: [] });
  const t0 = performance.now();
  full.extractSkills('熟练掌握Python和MySQL'); // jieba + indexes load once
  const warm = performance.now() - t0;

  const sets = [
    ['set 1: zhaopin clauses 1–120 (the lexicon was revised after its first run on them)', HELD_OUT],
    ['set 1b: zhaopin clauses 121–180 (labelled after the revision, run once)', HELD_OUT_B],
    ['set 2: demo profile lines (in-sample)', DEMO_LINES],
  ] as const;
  for (const [name, set] of sets) {
    const t = performance.now();
    const s = score(set, (x) => full.extractSkills(x), ids, show);
    const ms = (performance.now() - t) / set.length;
    report(`${name} — with the Chinese lexicon`, s);
    console.log(`mean ${ms.toFixed(2)} ms per text`);
    report(`${name} — same code, empty lexicon (English labels only)`, score(set, (x) => noLexicon.extractSkills(x), ids, false));
    if (show || args.includes('--errors')) {
      console.log('\nmisses:\n  ' + s.misses.join('\n  '));
      console.log('wrong:\n  ' + s.wrong.join('\n  '));
    }
  }

  // Set 3: in-sample coverage of the lagou skill tags (one tag = one skill).
  const tags: string[] = [];
  for (const r of csv('postings/lagou_data_jobs.csv')) {
    for (const t of (r.skillLables ?? '').replace(/[[\]']/g, '').split(',')) if (t.trim()) tags.push(t.trim());
  }
  const mapped = full.mapSkills(tags).filter((m) => m.skillId && m.confidence >= THRESHOLD).length;
  const distinct = [...new Set(tags)];
  const mappedDistinct = full.mapSkills(distinct).filter((m) => m.skillId && m.confidence >= THRESHOLD).length;
  console.log(`\n## lagou skill tags (in-sample: the lexicon was built from them)`);
  console.log(`occurrences mapped: ${mapped}/${tags.length} = ${pct(mapped, tags.length)}; distinct tags mapped: ${mappedDistinct}/${distinct.length} = ${pct(mappedDistinct, distinct.length)}`);
  const bare = noLexicon.mapSkills(tags).filter((m) => m.skillId && m.confidence >= THRESHOLD).length;
  console.log(`empty lexicon (English labels only): occurrences mapped ${bare}/${tags.length} = ${pct(bare, tags.length)}`);
  console.log(`\nfirst call (jieba + lexicon + skill index load): ${warm.toFixed(0)} ms`);
}

main();
