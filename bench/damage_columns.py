"""Assemble newspaper pages from clean articles and break them the way columns and OCR do.

Two layouts, as OCR dumps come:

- ``blank_page``: every heading and paragraph its own block, blocks separated by blank lines;
  the page's body text is flowed through columns of random height, and wherever a column ends
  inside a paragraph the paragraph is cut there (mid-word, after ``，``/``、``, after ``。``,
  anywhere), the two pieces becoming two blocks.
- ``wrapped_page``: every line a visual line of a column ``width`` characters wide (12–24),
  paragraphs started by an indent (``　　``) or not, separated by a blank line or not; headings
  and bylines one line each; every ``height`` lines the column ends, which leaves a blank line
  (inside a paragraph, too).

Each returns ``(text, gold)``: ``gold`` lists the page's paragraphs (the articles' own) and its
other lines (headings, bylines), so a scorer can tell a paragraph from a heading.
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "bench" / "articles.json"


@dataclass
class Gold:
    paragraphs: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)  # headings, bylines, credits


def load_articles(path: Path | None = None) -> list[dict]:
    """The article bank (``bench/articles.json``), or the built-in invented articles."""
    p = path or ARTICLES
    if p.exists():
        arts = json.loads(p.read_text(encoding="utf-8"))
        arts = [a for a in arts if a.get("paragraphs")]
        if arts:
            return arts
    return BUILTIN


def articles_from_gold(path: Path) -> list[dict]:
    """Articles from a gold page structure (``shared/eval/seed_gold.json``'s ``blocks``): a real
    page's own headings, paragraphs and bylines, to damage as the article bank is damaged."""
    blocks = json.loads(Path(path).read_text(encoding="utf-8"))["blocks"]
    out = []
    for b in blocks:
        heads = list(b.get("heading") or [])
        out.append({
            "title": heads[0] if heads else None, "subtitles": heads[1:],
            "paragraphs": list(b.get("paragraphs") or []), "byline": b.get("byline"),
        })
    return out


def _heads(a: dict) -> list[str]:
    heads = [a.get("title"), a.get("title2")] + list(a.get("subtitles") or [])
    return [h for h in heads if h]


def _paragraphs(a: dict) -> list[str]:
    paras = list(a["paragraphs"])
    dl = a.get("dateline")
    if dl and paras and not paras[0].startswith(dl):
        paras[0] = dl + paras[0]
    return paras


def _items(articles: list[dict]) -> tuple[list[tuple[str, str]], Gold]:
    """The page as (kind, text) items in reading order, kind "head" or "para" or "byline"."""
    gold = Gold()
    items: list[tuple[str, str]] = []
    for a in articles:
        for h in _heads(a):
            items.append(("head", h))
            gold.others.append(h)
        for p in _paragraphs(a):
            items.append(("para", p))
            gold.paragraphs.append(p)
        if a.get("byline"):
            items.append(("byline", a["byline"]))
            gold.others.append(a["byline"])
    return items, gold


def blank_page(
    articles: list[dict], rng: random.Random, *, damage: bool = True, indent: bool | None = None
) -> tuple[str, Gold]:
    """A blank-line page; with ``damage`` the paragraphs are cut where columns end. With
    ``indent`` (by default on a fifth of the pages) every paragraph starts with ``　　``, the
    pieces a column end cut off do not."""
    indent = rng.random() < 0.2 if indent is None else indent
    items, gold = _items(articles)
    blocks: list[str] = []
    room = rng.randint(80, 400)  # characters left in the current column
    for kind, t in items:
        if kind != "para" or not damage:
            blocks.append(("\u3000\u3000" if indent and kind == "para" else "") + t)
            room -= len(t)
            continue
        first = True
        while len(t) > room > 0:
            blocks.append(("\u3000\u3000" if indent and first else "") + t[:room])
            first = False
            t = t[room:]
            room = rng.randint(80, 400)
        blocks.append(("\u3000\u3000" if indent and first else "") + t)
        room -= len(t)
        if room <= 0:
            room = rng.randint(80, 400)
    seps = ["\n\n", "\n\n", "\n\n\n", "\n\n\n\n"]
    out = [blocks[0]]
    for b in blocks[1:]:
        out.append(rng.choice(seps) if damage else "\n\n")
        out.append(b)
    return "".join(out) + "\n", gold


def _wrap(p: str, width: int, indent: str) -> list[str]:
    """Visual lines of a paragraph ``width`` cells wide (an indent takes two cells, whatever its
    characters); a Latin word cut in two gets a hyphen where a typesetter would put one (between
    lowercase letters, two or more of them before it), else its piece moves to the next line."""
    lines = []
    cur, room, lead = p, width - (2 if indent else 0), indent
    while len(cur) > room:
        head, rest = cur[:room], cur[room:]
        if head[-1].isascii() and head[-1].isalpha() and rest[0].isascii() and rest[0].isalpha():
            piece = len(head) - len(head.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"))
            if piece >= 3 and head[-2:].islower() and head[-3].isalpha():
                head, rest = head[:-1] + "-", head[-1] + rest
            elif piece < len(head):
                head, rest = head[:-piece], head[-piece:] + rest
        lines.append(lead + head)
        cur, room, lead = rest, width, ""
    lines.append(lead + cur)
    return lines


def wrapped_page(
    articles: list[dict], rng: random.Random, *, width: int | None = None, indent: bool | None = None,
    blank: bool | None = None, damage: bool = True,
) -> tuple[str, Gold, dict]:
    """A hard-wrapped page; returns the text, the gold and the layout chosen."""
    width = width or rng.randint(12, 24)
    indent = rng.random() < 0.6 if indent is None else indent
    blank = rng.random() < 0.5 if blank is None else blank
    ind = rng.choice(["\u3000\u3000", "  ", "    "]) if indent else ""
    items, gold = _items(articles)
    lines: list[str] = []
    height = rng.randint(15, 60)
    used = 0

    def emit(line: str) -> None:
        nonlocal used, height
        if damage and used >= height:
            if lines and lines[-1] != "":
                lines.append("")
            used, height = 0, rng.randint(15, 60)
        lines.append(line)
        used += 1

    for kind, t in items:
        if kind == "para":
            if blank and lines and lines[-1] != "":
                lines.append("")
            for x in _wrap(t, width, ind):
                emit(x)
        else:
            if lines and lines[-1] != "":
                lines.append("")
            emit(t)
            if blank or rng.random() < 0.5:
                lines.append("")
    return "\n".join(lines).strip("\n") + "\n", gold, {"width": width, "indent": bool(ind), "blank": blank}


def pages(articles: list[dict], n: int, rng: random.Random, per_page: tuple[int, int] = (3, 6)) -> list[list[dict]]:
    """``n`` pages, each a random run of articles from the bank."""
    out = []
    for _ in range(n):
        k = rng.randint(*per_page)
        out.append(rng.sample(articles, min(k, len(articles))))
    return out


# Invented articles, used when bench/articles.json is missing. Names, places and figures are made up.
BUILTIN: list[dict] = [
    {
        "title": "古城街巷春意浓",
        "subtitles": ["——城区老旧街巷改造见闻"],
        "dateline": "本报讯（记者 林晓月）",
        "paragraphs": [
            "本报讯（记者 林晓月）3月12日，记者走进城区东关街，只见青砖灰瓦的院墙修葺一新，沿街商铺挂起了统一样式的木质牌匾，不少市民驻足拍照。",
            "东关街是城区保存较为完整的老街巷之一，全长约六百米，沿街有民居院落四十余处。过去，这里路面坑洼、管线杂乱，一到雨天就积水，居民出行很不方便。",
            "去年以来，区里把东关街列入老旧街巷改造计划，按照“修旧如旧、留住烟火气”的思路，对路面、排水、电力和通信管线进行了整体改造，并对临街建筑立面进行了修缮。",
            "“以前下雨天出门得穿雨靴，现在路平了、灯亮了，晚上出来遛弯的人也多了。”在这里住了三十多年的居民赵桂兰说。",
            "据了解，今年全区还将启动十二条街巷的改造工作，总投资约1.8亿元，预计年底前全部完工。",
        ],
        "byline": "本报记者 林晓月",
    },
    {
        "title": "智慧农业助春耕",
        "dateline": "本报讯（记者 周建国 通讯员 吴敏）",
        "paragraphs": [
            "本报讯（记者 周建国 通讯员 吴敏）眼下正值春耕备耕关键时期，在城郊的现代农业示范园里，一台台无人驾驶拖拉机来回穿梭，翻耕、施肥、播种一气呵成。",
            "“这台拖拉机装有北斗导航系统，作业误差不超过2.5厘米，一天能耕地两百多亩，顶得上过去十几个人的工作量。”园区技术负责人刘海涛一边调试设备一边介绍。",
            "园区今年新引进了土壤墒情监测站和病虫害智能识别设备，农户用手机就能查看地块的温度、湿度和养分数据，并根据系统提示及时调整田间管理措施。",
            "据悉，全县今年计划推广智慧农业技术面积五万亩，并组织农技人员分片包村开展技术指导，确保春耕生产顺利进行。",
        ],
        "byline": "",
    },
    {
        "title": "社区食堂暖人心",
        "dateline": "本报讯（记者 王雨晴）",
        "paragraphs": [
            "本报讯（记者 王雨晴）中午十一点半，位于和平路社区的“邻里食堂”里已经坐满了前来就餐的老人。清蒸鱼、西红柿炒鸡蛋、炖豆腐，再加一碗小米粥，一份午餐只要十二元。",
            "今年七十六岁的孙大爷是食堂的常客。他告诉记者，老伴去世后，自己做饭总是凑合，“现在天天来这儿吃，饭菜可口，价格实惠，还能和老伙计们聊聊天。”",
            "社区党委书记陈丽介绍，食堂由社区提供场地，引入专业餐饮企业运营，对辖区六十岁以上老人给予就餐补贴，行动不便的老人还可以预约送餐上门。",
            "自去年九月开业以来，食堂日均接待就餐老人一百五十余人次。下一步，社区计划在食堂旁开设老年活动室，让老人们“吃得好、玩得开心”。",
        ],
        "byline": "本报记者 王雨晴",
    },
    {
        "title": "科技创新赋能传统制造",
        "title2": "本地企业加快数字化转型",
        "paragraphs": [
            "走进位于经济技术开发区的一家机械制造企业，记者看到，生产车间里机械臂有序运转，AGV小车自动搬运物料，大屏幕上实时显示着每条生产线的运行数据。",
            "“过去我们主要靠人工经验排产，现在通过MES系统，订单从下达到交付全程可追溯，生产效率提高了三成以上，产品不良率下降了一半。”企业总经理郑宏伟说。",
            "近年来，我市深入实施制造业数字化转型行动，设立专项资金，支持企业开展智能化改造和设备更新，累计建成智能工厂十二家、数字化车间四十六个。",
            "市工信局相关负责人表示，今年将继续聚焦装备制造、新材料、食品加工等重点产业，组织服务商“一对一”上门诊断，帮助中小企业找准转型切入点，推动更多企业“上云用数赋智”。",
            "业内人士认为，数字化转型不是简单的设备升级，而是管理模式和生产方式的深刻变革，需要企业、服务商和政府部门形成合力，久久为功。",
        ],
        "byline": "本报记者 何志远",
    },
    {
        "title": "图书馆里的“夜读时光”",
        "dateline": "本报讯（记者 钱多多）",
        "paragraphs": [
            "本报讯（记者 钱多多）晚上八点，市图书馆二楼阅览区依然灯火通明。自今年元旦起，市图书馆将开放时间延长至晚上十点，受到不少上班族和学生的欢迎。",
            "在一家科技公司上班的小李说，以前下班后图书馆已经闭馆，只能周末来借书，“现在下班吃完饭过来看两个小时书，特别充实。”",
            "为方便读者，图书馆还在夜间开放区增设了自助借还设备和电子阅读终端，读者可以通过手机预约座位，借阅图书、报刊和音像资料。",
            "图书馆馆长冯雅琴表示，将根据读者需求，适时推出读书分享会、亲子阅读等夜间文化活动，让图书馆成为市民身边的“文化客厅”。",
        ],
        "byline": "",
    },
    {
        "title": "冰雪运动进校园",
        "subtitles": ["全市中小学开展冬季体育特色活动"],
        "paragraphs": [
            "入冬以来，全市各中小学结合实际开展形式多样的冰雪运动进校园活动，旱地冰壶、陆地滑雪、冰上拔河等项目让校园里处处洋溢着运动的热情。",
            "在第三实验小学的操场上，四年级学生正在体育老师的指导下练习旱地冰壶。“推壶的时候要稳，眼睛要盯着目标。”学生张子涵一边比划一边向记者介绍要领。",
            "市教育局体卫艺科负责人介绍，今年全市共有八十余所学校开设了冰雪运动课程，并组织了校际冰雪运动联赛，参与学生超过三万人次。",
            "同时，教育部门联合体育部门开展冰雪运动师资培训，邀请专业教练走进校园，帮助学校提升教学水平，确保学生在安全的前提下享受运动的乐趣。",
        ],
        "byline": "本报记者 曹文静",
    },
    {
        "title": "小区加装电梯“加”出幸福感",
        "dateline": "本报讯（记者 贾婷）",
        "paragraphs": [
            "本报讯（记者 贾婷）随着最后一道验收程序完成，幸福里小区3号楼的加装电梯正式投入使用。住在六楼的刘阿姨第一个走进电梯，高兴地说：“总算不用再爬楼梯了！”",
            "幸福里小区建于上世纪九十年代，楼内没有电梯，住户中老年人占比较高，上下楼一直是大家的难题。为推动加装电梯，社区多次召开居民协商会，逐户上门征求意见，最终全体住户签字同意。",
            "据了解，老旧小区加装电梯可申请财政补贴，每部最高补贴二十万元。今年以来，全市已完成加装电梯一百二十部，另有六十余部正在施工。",
            "住建部门提醒，有意向加装电梯的小区，可向所在街道或社区咨询，相关部门将提供政策解读、方案设计、审批办理等全流程服务。",
        ],
        "byline": "本报记者 贾婷",
    },
    {
        "title": "非遗手艺焕发新活力",
        "paragraphs": [
            "剪刀在红纸上翻飞，不一会儿，一幅栩栩如生的“喜鹊登梅”便出现在眼前。在县文化馆的非遗工作室里，剪纸传承人马秀英正在给学员们上课。",
            "马秀英从十二岁开始跟着母亲学习剪纸，至今已有五十多年。她说，剪纸讲究“稿要准、剪要稳、刻要细”，每一个图案都寄托着人们对美好生活的向往。",
            "为让传统手艺走进更多人的生活，县里开设了免费非遗培训班，并与电商平台合作，将剪纸、面塑、刺绣等非遗产品开发成文创礼品，去年线上销售额突破三百万元。",
            "“看到年轻人喜欢我们的作品，我心里特别高兴。只要有人愿意学，我就一直教下去。”马秀英说。",
        ],
        "byline": "本报通讯员 韩雪",
    },
    {
        "title": "新能源公交车上线运营",
        "dateline": "本报讯（记者 吕晨）",
        "paragraphs": [
            "本报讯（记者 吕晨）近日，120辆新能源纯电动公交车正式投入运营，覆盖城区十八条公交线路。至此，全市新能源公交车占比达到95%以上。",
            "新投用的公交车采用低地板设计，配备无障碍坡道、USB充电接口和智能调度系统，乘客可通过手机App实时查询车辆到站时间，出行更加便捷。",
            "公交公司负责人表示，与传统燃油车相比，每辆新能源公交车每年可减少二氧化碳排放约四十吨，既节能环保，又降低了运营成本。",
        ],
        "byline": "",
    },
    {
        "title": "夜市经济点亮城市烟火",
        "paragraphs": [
            "傍晚时分，位于城南的美食街华灯初上，烤串、凉皮、糖葫芦等各色小吃摊位前排起了长队，吆喝声、欢笑声此起彼伏。",
            "美食街负责人介绍，街区共有商户二百余家，开业以来日均客流量超过两万人次。为保障食品安全，街区统一配备了油烟净化设施，并实行“明厨亮灶”，让顾客吃得放心。",
            "“周末带孩子来逛逛，吃点小吃，看看街头表演，很有生活气息。”市民周先生说。",
            "商务部门相关负责人表示，将进一步完善街区配套设施，引导商户诚信经营，打造一批特色鲜明、管理规范的夜间消费集聚区，为城市发展注入新的活力。",
        ],
        "byline": "本报记者 邓佳",
    },
]
