"""Texts for the demo: 管城回族区's units, and narratives, problems, next steps and evidence that read like real reports.

Everything is drawn from a caller's `random.Random`, so one seed gives one workspace. Nothing here touches disk or the
database. The themes follow the 18 special actions of 健康郑州行动; `theme_for` picks one from an action or task text.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta

from hpdesk.domain.calendar import PeriodSpec
from hpdesk.domain.reporting import Figure

REGION = "管城回族区"
OFFICE_NAME = "管城回族区卫生健康委员会"
OFFICE_SHORT_NAME = "区卫健委"
OFFICE_DOC_PREFIX = "管卫健"
OFFICE_ADDRESSEE = "郑州市健康郑州行动推进委员会办公室"
CITY_OFFICE = "市推进委员会办公室"


@dataclass(frozen=True)
class DemoUnit:
    """A county unit: its name, type, other spellings, the city departments it mirrors and its 文号 prefix."""

    name: str
    unit_type: str  # hpdesk.domain.reporting.UNIT_TYPES: department | street | township | hospital | …
    counterparts: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    doc_prefix: str = ""


# Forty units, in the order a county office lists them: bureaus, streets and the township, then health institutions.
DEMO_UNITS: tuple[DemoUnit, ...] = (
    DemoUnit("区卫健委", "department", ("市卫生健康委", "市爱卫办", "县区卫生健康委"),
             ("区卫生健康委", "管城回族区卫生健康委员会", "区爱卫办"), "管卫健"),
    DemoUnit("区教育局", "department", ("市教育局",), ("区教体局", "管城回族区教育局"), "管教"),
    DemoUnit("区财政局", "department", ("市财政局",), ("管城回族区财政局",), "管财"),
    DemoUnit("区市场监管局", "department", ("市市场监管局",), ("区市场监督管理局",), "管市监"),
    DemoUnit("区体育局", "department", ("市体育局", "各区县（市）体育主管部门"), ("管城回族区体育局",), "管体"),
    DemoUnit("区民政局", "department", ("市民政局",), ("管城回族区民政局",), "管民"),
    DemoUnit("区发展改革委", "department", ("市发展改革委",), ("区发改委",), "管发改"),
    DemoUnit("区人社局", "department", ("市人社局",), ("区人力资源和社会保障局",), "管人社"),
    DemoUnit("区医保局", "department", ("市医保局", "市社保中心"), ("区医疗保障局",), "管医保"),
    DemoUnit("区委宣传部", "department", ("市委宣传部", "市网信办", "市委网信办"), ("区文明办",), "管宣"),
    DemoUnit("区文化广电和旅游局", "department", ("市文化广电和旅游局",), ("区文广旅局",), "管文旅"),
    DemoUnit("区工信局", "department", ("市工信局", "市科技局"), ("区科技和工业信息化局",), "管工信"),
    DemoUnit("区住房城乡建设局", "department", ("市住房城乡建设局", "市城管局", "市园林局"), ("区住建局",), "管建"),
    DemoUnit("区生态环境分局", "department", ("市生态环境局",), ("郑州市生态环境局管城分局",), "管环"),
    DemoUnit("区农业农村局", "department", ("市农委", "市畜牧局", "市林业局"), ("区农委",), "管农"),
    DemoUnit("区总工会", "department", ("市总工会",), (), "管工"),
    DemoUnit("区妇联", "department", ("市妇联",), (), "管妇"),
    DemoUnit("团区委", "department", ("团市委",), ("共青团管城回族区委员会",), "管团"),
    DemoUnit("区残联", "department", ("市残联",), (), "管残"),
    DemoUnit("区红十字会", "department", ("市红十字会",), (), "管红"),
    *(DemoUnit(f"{street}街道", "street", (), (f"{street}街道办事处",), f"{street}办")
      for street in ("北下街", "西大街", "南关街", "城东路", "东大街", "二里岗", "陇海马路", "紫荆山南路", "航海东路",
                     "十八里河")),
    DemoUnit("南曹乡", "township", (), ("南曹乡人民政府",), "南曹政"),
    DemoUnit("区人民医院", "hospital", (), ("管城回族区人民医院",), "管人医"),
    DemoUnit("区中医院", "hospital", ("市中医院",), ("管城回族区中医院",), "管中医"),
    DemoUnit("区妇幼保健院", "hospital", ("市妇幼保健院",), ("管城回族区妇幼保健院",), "管妇保"),
    DemoUnit("区疾控中心", "other", ("市疾控中心",), ("区疾病预防控制中心",), "管疾控"),
    DemoUnit("区卫生健康监督所", "other", (), ("区卫生监督所",), "管卫监"),
    DemoUnit("北下街社区卫生服务中心", "community_health_centre", (), (), "北下街卫"),
    DemoUnit("紫荆山南路社区卫生服务中心", "community_health_centre", (), (), "紫荆卫"),
    DemoUnit("航海东路社区卫生服务中心", "community_health_centre", (), (), "航海卫"),
    DemoUnit("十八里河社区卫生服务中心", "community_health_centre", (), (), "十八里河卫"),
)

def issuer_name(unit: DemoUnit) -> str:
    """The unit's full name as it heads its documents: 管城回族区卫生健康委员会, 管城回族区北下街街道办事处."""
    full = next((alias for alias in unit.aliases if "管城" in alias), "")
    if full:
        return full
    longest = max((unit.name, *unit.aliases), key=len)
    return REGION + (longest[1:] if longest.startswith("区") else longest)


STREET_UNITS = tuple(unit.name for unit in DEMO_UNITS if unit.unit_type in {"street", "township"})
HEALTH_UNITS = tuple(unit.name for unit in DEMO_UNITS
                     if unit.unit_type in {"hospital", "community_health_centre", "other"})


@dataclass(frozen=True)
class Theme:
    """What a special action's reports talk about."""

    key: str
    name: str  # 健康促进 …: used in meeting names and plan titles
    keywords: tuple[str, ...]
    # One sentence each. {a-b} becomes a whole number drawn from [a, b]; {a-b|名称|单位} also reports it as a key
    # figure (summed when several sentences name the same figure), so the figures always match the narrative.
    activities: tuple[str, ...]
    banners: tuple[str, ...]  # what the red banner in a photo of the event says
    scene: str  # lecture | outdoor | meeting | sports | clinic


THEMES: tuple[Theme, ...] = (
    Theme("promotion", "健康促进", ("健康促进", "健康知识", "科普", "健康教育", "素养"), (
        "依托辖区社区卫生服务中心开展健康知识讲座{6-18|开展健康讲座|场}场，发放《健康素养66条》等宣传资料"
        "{1200-6000|发放宣传资料|份}份，覆盖群众{2000-9000|覆盖人数|人}人",
        "组建由{8-20}名专家组成的健康科普讲师团，深入社区、学校、机关开展巡讲{5-16|开展健康讲座|场}场",
        "在区政府网站和“健康管城”微信公众号开设健康科普专栏，推送科普文章{20-60|推送科普文章|篇}篇，阅读量{8000-40000}人次",
        "开展居民健康素养监测，完成入户调查{300-600|健康素养监测入户|户}户，监测质控合格率100%",
        "利用社区LED屏、宣传栏滚动播放健康提示，更新宣传栏{30-90|更新宣传栏|块}块",
    ), ("健康知识讲座进社区", "健康素养提升宣传活动"), "lecture"),
    Theme("diet", "合理膳食", ("膳食", "营养", "减盐", "减油", "减糖", "食品"), (
        "开展“三减三健”进社区、进食堂活动{4-12|开展宣传活动|场}场，发放控油壶、限盐勺{500-2000|发放限盐勺控油壶|套}套",
        "指导辖区{10-40}家机关、学校食堂开展营养健康食堂建设，{2-6|建成营养健康食堂|家}家通过验收",
        "组织营养指导员培训{2-5}期，培训基层人员{60-200|培训基层人员|人次}人次",
        "对辖区{20-80|检查餐饮单位|家}家餐饮单位开展食品安全监督检查，发现问题{3-15}个，均已督促整改",
    ), ("三减三健进社区", "全民营养周宣传活动"), "outdoor"),
    Theme("fitness", "全民健身", ("健身", "体育", "运动", "体质"), (
        "举办全民健身运动会、健步走等群众性体育赛事{3-10|举办体育赛事|场}场，参与群众{1500-6000|参与群众|人次}人次",
        "新建、更新社区健身路径{4-15|新建健身路径|处}处，维护健身器材{60-200}件",
        "培训社会体育指导员{30-120|培训社会体育指导员|名}名，开展科学健身指导{10-30}次",
        "推动{5-15|开放学校体育场地|所}所学校体育场地在节假日向社会开放",
    ), ("全民健身健步走活动", "广场舞展演"), "sports"),
    Theme("tobacco", "控烟", ("控烟", "烟草", "吸烟", "无烟"), (
        "以“世界无烟日”为契机开展控烟宣传活动{3-9|开展控烟宣传|场}场，发放宣传折页{800-3000|发放宣传资料|份}份",
        "推进无烟党政机关建设，{10-30|建成无烟机关|家}家机关单位完成自评和复核",
        "联合区市场监管局检查烟草零售点{40-120|检查烟草零售点|家}家，查处向未成年人售烟行为{0-3}起",
        "在区人民医院、区中医院设立戒烟门诊，提供戒烟咨询{50-300|戒烟咨询|人次}人次",
    ), ("世界无烟日宣传活动", "无烟机关创建推进会"), "outdoor"),
    Theme("mental", "心理健康", ("心理", "精神"), (
        "开展心理健康讲座和团体辅导{4-12|心理健康讲座|场}场，服务群众{300-1500|服务群众|人次}人次",
        "在{5-12|设立心理咨询室|个}个社区设立心理咨询室，配备兼职心理咨询师{10-30}名",
        "对在册严重精神障碍患者开展随访管理，规范管理率达{90-98}%",
        "开通心理援助热线，接听来电{60-300|心理援助热线来电|人次}人次",
    ), ("心理健康进社区讲座", "心理健康服务宣传活动"), "lecture"),
    Theme("environment", "健康环境", ("环境", "爱国卫生", "饮用水", "垃圾", "病媒", "卫生城市"), (
        "组织开展爱国卫生运动集中整治行动{4-12|集中整治行动|次}次，清理卫生死角{200-900|清理卫生死角|处}处，"
        "清运垃圾{60-300|清运垃圾|吨}吨",
        "开展病媒生物防制，投放鼠药{200-800}公斤，治理蚊蝇孳生地{50-200|治理蚊蝇孳生地|处}处",
        "推进健康社区、健康单位建设，{3-10|建成健康社区|个}个社区、{5-15|建成健康单位|家}家单位完成创建",
        "对辖区{20-60|抽检二次供水单位|个}个二次供水单位开展水质抽检，合格率100%",
    ), ("爱国卫生运动集中整治", "健康社区创建推进会"), "outdoor"),
    Theme("maternal", "妇幼健康", ("妇幼", "孕", "母婴", "儿童", "出生缺陷", "托育"), (
        "为辖区{300-1200|孕前优生健康检查|人}名待孕夫妇提供免费孕前优生健康检查",
        "开展新生儿疾病筛查{800-2500|新生儿疾病筛查|例}例，筛查率达{98-99}%",
        "开展“两癌”免费筛查{1000-4000|两癌筛查|人}人，对{5-30}名阳性患者落实随访",
        "组织母婴安全培训{2-6}次，培训产科、儿科医务人员{80-240|培训医务人员|人次}人次",
    ), ("孕产妇健康管理宣教", "两癌筛查义诊活动"), "clinic"),
    Theme("school", "中小学健康促进", ("中小学", "学生", "学校", "近视", "青少年"), (
        "对辖区{20-45}所中小学、幼儿园开展学生视力筛查{15000-40000|视力筛查|人次}人次，建立视力健康档案",
        "开设健康教育课{100-400|健康教育课|课时}课时，开展“师生健康、中国健康”主题活动{10-30}场",
        "落实中小学生每天校内体育活动1小时，{20-45|体育活动达标学校|所}所学校达标",
        "开展学校传染病防控和食品安全专项检查{2-6}轮，检查学校{20-45|检查学校|所}所",
    ), ("中小学生近视筛查", "健康教育进校园"), "lecture"),
    Theme("occupational", "职业健康保护", ("职业", "劳动者", "尘肺"), (
        "对辖区{20-60|检查用人单位|家}家存在职业病危害因素的用人单位开展监督检查，下达整改意见书{3-12}份",
        "开展《职业病防治法》宣传周活动{2-6|宣传活动|场}场，发放宣传资料{500-2000|发放宣传资料|份}份",
        "组织重点行业劳动者职业健康检查{800-3000|职业健康检查|人}人",
    ), ("职业病防治法宣传周", "职业健康培训"), "lecture"),
    Theme("elderly", "老年健康促进", ("老年", "养老", "医养"), (
        "为辖区65岁及以上老年人提供免费健康体检{3000-9000|老年人健康体检|人}人，健康管理率达{65-75}%",
        "推进医养结合，{2-6|签约养老机构|家}家养老机构与社区卫生服务中心签订合作协议",
        "开展老年健康宣传周活动{3-8}场，为老年人义诊{300-1200|义诊|人次}人次",
    ), ("老年健康宣传周义诊", "老年人免费健康体检"), "clinic"),
    Theme("chronic", "慢性病防治", ("心脑血管", "高血压", "癌症", "慢性", "呼吸", "糖尿病", "卒中"), (
        "对辖区高血压、糖尿病患者开展规范化管理，管理高血压患者{6000-15000|管理高血压患者|人}人、"
        "糖尿病患者{2000-6000|管理糖尿病患者|人}人",
        "开展35岁以上人群首诊测血压{10000-30000|首诊测血压|人次}人次",
        "组织慢性病防治知识讲座{5-15}场，开展义诊咨询{300-1500|义诊咨询|人次}人次",
        "开展癌症早诊早治筛查{500-2000|癌症筛查|人}人，发现可疑病例{5-40}例并转诊",
    ), ("慢性病防治义诊", "全民健康生活方式日"), "clinic"),
    Theme("infectious", "传染病防控", ("传染病", "疫苗", "艾滋病", "结核", "地方病", "免疫"), (
        "适龄儿童免疫规划疫苗接种{8000-20000|疫苗接种|剂次}剂次，接种率保持在{95-99}%以上",
        "开展艾滋病、结核病防治宣传活动{4-12|宣传活动|场}场，免费检测{300-1200|免费检测|人次}人次",
        "对辖区学校、托幼机构开展传染病防控督导检查{20-60|督导检查|家次}家次",
    ), ("世界防治结核病日宣传", "预防接种宣传日活动"), "outdoor"),
    Theme("public_health", "公共卫生体系", ("公共卫生", "应急", "疾控", "体系"), (
        "组织突发公共卫生事件应急演练{1-4|应急演练|次}次，参演人员{60-200|参演人员|人}人",
        "充实区疾控中心专业技术人员{3-12|充实专业技术人员|名}名，完成实验室能力提升项目{1-3}项",
        "推进基层卫生机构标准化建设，{2-6|完成改造提升|个}个社区卫生服务中心完成改造提升",
    ), ("突发公共卫生事件应急演练",), "meeting"),
    Theme("tcm", "中医药促进", ("中医", "治未病"), (
        "在{6-12|设置中医馆|个}个社区卫生服务中心设置中医馆，开展中医药适宜技术{10-20|适宜技术|项}项",
        "开展“中医药进社区”义诊{4-12|中医义诊|场}场，服务群众{500-2000|服务群众|人次}人次",
        "举办中医药健康知识讲座{3-10}场，发放中医药养生保健资料{800-3000|发放宣传资料|份}份",
    ), ("中医药进社区义诊", "冬病夏治中医药服务"), "clinic"),
    Theme("digital", "健康信息化", ("信息化", "互联网", "大数据", "信息"), (
        "推进电子健康档案向居民开放，累计开放{80000-200000|开放电子健康档案|份}份，调阅{5000-30000}人次",
        "{3-8|接入医疗机构|家}家医疗机构接入区全民健康信息平台，实现检查检验结果互认",
        "推广电子健康卡应用，新增用卡{10000-40000|新增用卡|人}人",
    ), ("电子健康卡推广活动",), "meeting"),
    Theme("general", "健康管城建设", (), (
        "召开健康管城行动领导小组会议，听取各成员单位工作汇报，安排部署下阶段任务",
        "将健康管城行动纳入年度目标考核，对{10-30|督导检查单位|个}个成员单位开展督导检查",
        "开展健康管城行动宣传活动{4-12|宣传活动|场}场，发放宣传资料{800-3000|发放宣传资料|份}份",
    ), ("健康管城行动宣传活动", "健康管城行动推进会"), "meeting"),
)

_THEME_BY_KEY = {theme.key: theme for theme in THEMES}

PROBLEMS = (
    "基层专业技术人员不足，健康教育队伍力量相对薄弱",
    "部分群众健康意识不强，参与活动的积极性有待提高",
    "工作经费保障不足，宣传阵地建设进度偏慢",
    "部门之间信息共享不够顺畅，数据统计口径不一致",
    "个别社区活动形式较为单一，宣传覆盖面有待进一步扩大",
    "佐证材料收集整理不够及时，台账不够规范",
    "辖区流动人口多，健康管理服务难以全覆盖",
    "部分老旧小区健身场地不足，设施维护不及时",
)

NEXT_STEPS = (
    "加强统筹协调，定期召开推进会，及时研究解决工作中的困难和问题",
    "加大宣传力度，充分利用新媒体扩大健康知识覆盖面",
    "加强基层人员业务培训，提升服务能力和水平",
    "完善工作台账，规范佐证材料收集整理，确保按时报送",
    "加强督导检查，将任务落实情况纳入年度目标考核",
    "积极争取财政支持，保障工作经费足额到位",
    "推动资源下沉，进一步扩大服务覆盖面",
)

RETURN_COMMENTS = (
    "佐证材料缺少活动照片和签到表，请补充后重新报送。",
    "工作开展情况过于笼统，请补充具体数据（场次、覆盖人数）。",
    "所附通知文号与正文不一致，请核实后重新上传。",
    "请补充本期问题和下一步打算。",
    "照片日期不在本报告期内，请更换为本期活动照片。",
)

APPROVE_COMMENTS = ("", "", "材料齐全，同意。", "已核实。", "")

_SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁宋谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
_GIVEN = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰",
          "霞", "平", "刚", "桂英", "海涛", "晓燕", "建华", "红梅", "志强", "丽娟", "俊杰", "雪梅", "文博", "佳怡", "子涵")

_NUMBER_SLOT = re.compile(r"\{(\d+)-(\d+)(?:\|([^|}]+)\|([^}]+))?\}")


def theme_for(*texts: str) -> Theme:
    """The theme whose keywords occur first in `texts` (an action title, then the task text); `general` if none."""
    found = (theme for text in texts for theme in THEMES if any(keyword in text for keyword in theme.keywords))
    return next(found, _THEME_BY_KEY["general"])


def person_name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + rng.choice(_GIVEN)


def phone_number(rng: random.Random) -> str:
    return f"0371-6{rng.randint(1000000, 9999999)}"


def fill_numbers(template: str, rng: random.Random, figures: dict[tuple[str, str], int] | None = None) -> str:
    """Replace each `{a-b}` or `{a-b|名称|单位}` in `template` with a whole number drawn from [a, b]; named slots
    are added to `figures[(名称, 单位)]` when a dict is given."""

    def draw(match: re.Match[str]) -> str:
        value = rng.randint(int(match[1]), int(match[2]))
        if match[3] and figures is not None:
            figures[(match[3], match[4])] = figures.get((match[3], match[4]), 0) + value
        return str(value)

    return _NUMBER_SLOT.sub(draw, template)


def doc_number(prefix: str, year: int, serial: int) -> str:
    """A document number in the official style: 管卫健〔2025〕12号."""
    return f"{prefix}〔{year}〕{serial}号"


def date_within(rng: random.Random, start: date, end: date) -> date:
    """A working day between `start` and `end` inclusive (Saturday/Sunday move to the Friday before, if in range)."""
    day = start + timedelta(days=rng.randint(0, max(0, (end - start).days)))
    while day.weekday() >= 5 and day - timedelta(days=1) >= start:
        day -= timedelta(days=1)
    return day


@dataclass(frozen=True)
class ReportText:
    """What a unit writes for one task in one period."""

    narrative: str
    figures: tuple[Figure, ...]
    problems: str
    next_steps: str
    filled_by: str


def _enumerate_points(points: list[str]) -> str:
    ordinals = "一二三四五六七八九"
    return "；".join(f"{ordinals[index]}是{point}" for index, point in enumerate(points)) + "。"


_NOT_DONE_REASONS = (
    "受项目资金拨付进度影响，部分建设内容未能按期完成",
    "因场地协调未落实，计划开展的集中活动推迟至下一阶段",
    "相关配套政策尚未出台，工作推进较慢",
)


def report_text(rng: random.Random, period: PeriodSpec, *, theme: Theme, unit_name: str, status: str = "in_progress",
                thin: bool = False) -> ReportText:
    """A progress report for one unit, task theme and half-year `period`, worded for its `status` (done, in_progress,
    not_done, not_applicable, not_started). `thin=True` gives a first draft: one activity, no figures and no next
    steps, as units often send before a reminder."""
    if status == "not_started":
        return ReportText("", (), "", "", person_name(rng))
    if status == "not_applicable":
        return ReportText(f"经核实，本期{unit_name}无{theme.name}相关工作任务，不适用。", (), "", "", person_name(rng))
    meeting_day = date_within(rng, period.start + timedelta(days=7), period.start + timedelta(days=50))
    sentences = [
        f"{meeting_day.month}月{meeting_day.day}日，{unit_name}召开{theme.name}工作专题推进会，传达学习{CITY_OFFICE}"
        f"有关文件精神，研究部署{period.name}重点工作，明确责任分工和时间节点"
    ]
    activities = rng.sample(theme.activities, k=min(len(theme.activities), 1 if thin else rng.randint(2, 3)))
    drawn: dict[tuple[str, str], int] = {}
    sentences.extend(fill_numbers(activity, rng, drawn) for activity in activities)
    figures: tuple[Figure, ...] = ()
    if not thin:
        figures = tuple(Figure(name, value, unit) for (name, unit), value in drawn.items())
        totals = "、".join(f"{figure.name}{figure.value}{figure.unit}" for figure in figures)
        so_far = f"截至{period.end.month}月底，本期累计{totals}" if totals else f"截至{period.end.month}月底"
        closing = {
            "done": f"{so_far}，{theme.name}任务已全部完成",
            "not_done": f"{so_far}，但{rng.choice(_NOT_DONE_REASONS)}",
        }.get(status, f"{so_far}，各项任务按计划推进，完成进度达到序时要求")
        sentences.append(closing)
    narrative = "。".join(sentences) + "。"
    problems = _enumerate_points(rng.sample(PROBLEMS, k=2)) if not thin or rng.random() < 0.5 else ""
    next_steps = "" if thin else _enumerate_points(rng.sample(NEXT_STEPS, k=3))
    return ReportText(narrative, figures, problems, next_steps, person_name(rng))


@dataclass(frozen=True)
class EvidenceText:
    kind: str  # document | minutes | sign_in | photo | screenshot | statistics | ledger
    title: str
    doc_number: str
    description: str
    caption: str  # what a photo's banner says, or a document's subject line


def evidence_texts(rng: random.Random, period: PeriodSpec, *, theme: Theme, unit: DemoUnit, serial: int
                   ) -> list[EvidenceText]:
    """The evidence a unit attaches to one report in `period`: a notice with its 文号, minutes, a sign-in sheet and
    photos."""
    year = period.start.year
    banner = rng.choice(theme.banners)
    items = [
        EvidenceText(
            "document",
            f"关于印发《{REGION}{year}年{theme.name}工作实施方案》的通知",
            doc_number(unit.doc_prefix or OFFICE_DOC_PREFIX, year, 20 + serial),
            f"{unit.name}印发的{theme.name}年度实施方案，明确目标任务和责任分工。",
            f"{REGION}{year}年{theme.name}工作实施方案",
        ),
        EvidenceText("photo", f"{banner}现场照片", "", f"{unit.name}组织{banner}，现场照片。", banner),
    ]
    if rng.random() < 0.6:
        items.append(EvidenceText(
            "minutes", f"{unit.name}{theme.name}工作专题推进会会议纪要", "",
            f"{period.name}专题推进会纪要，含参会人员和议定事项。", f"{theme.name}工作专题推进会",
        ))
    if rng.random() < 0.5:
        items.append(EvidenceText("sign_in", f"{banner}签到表", "", "活动签到表扫描件。", banner))
    if rng.random() < 0.3:
        items.append(EvidenceText(
            "ledger", f"{period.name}{theme.name}工作台账", "", "按月登记的活动场次、人数和负责人。", f"{theme.name}工作台账"
        ))
    return items


def notice_body(rng: random.Random, *, theme: Theme, unit: DemoUnit, year: int) -> list[str]:
    """The paragraphs of a 红头 notice issuing a work plan (for the generated PDF)."""
    return [
        "各街道办事处、南曹乡人民政府，区直各有关单位：",
        f"　　为深入推进健康郑州行动，进一步做好{year}年{theme.name}工作，根据{CITY_OFFICE}有关要求，结合我区实际，"
        f"{unit.name}制定了《{REGION}{year}年{theme.name}工作实施方案》，现印发给你们，请认真贯彻落实。",
        "　　一、提高思想认识。各单位要把本项工作列入重要议事日程，主要负责同志亲自抓，分管负责同志具体抓。",
        "　　二、明确责任分工。各单位要对照实施方案，细化工作措施，明确时间节点，确保各项任务落到实处。",
        f"　　三、按时报送材料。请各单位于{year}年6月10日、12月10日前将工作开展情况及佐证材料报送{unit.name}。",
        f"　　联系人：{person_name(rng)}，联系电话：{phone_number(rng)}。",
    ]
