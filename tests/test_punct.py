"""The punct and balance passes: a probe table of damaged and already-right Chinese text.

Each probe is one block (a body paragraph unless it is a short line without a sentence end, which
reads as a heading). Negative probes (input == expected) are text that peers damaged: data-juicer
turned Chinese marks into ASCII, ftfy turned ``，`` into ``,`` and ``“”`` into ``""``,
autocorrect and pangu put spaces around Latin letters and digits, zhlint rewrote datelines and
merged headline halves.
"""
from __future__ import annotations

import pytest

import cleaner
from cleaner.edits import replay
from cleaner.passes.punct import normalise_marks
from cleaner.pipeline import Pipeline

PUNCT = Pipeline(["punct"])

#: a tail that makes a probe a body paragraph (longer than a heading, ending a sentence)
BODY = "，为全市经济社会发展提供了有力支撑。"

PROBES = [
    # --- ASCII marks in Chinese context (PU01)
    ("comma-period", "数据显示,今年全市增长明显.", "数据显示，今年全市增长明显。"),
    ("after-percent", "同比增长5%,环比持平!" + BODY, "同比增长5%，环比持平！" + BODY),
    ("question", "这是为什么?记者进行了调查" + BODY, "这是为什么？记者进行了调查" + BODY),
    ("colon-semicolon", "一是抓项目;二是抓招商:重点突破" + BODY, "一是抓项目；二是抓招商：重点突破" + BODY),
    ("space-around-comma", "数据显示 , 今年增长" + BODY, "数据显示，今年增长" + BODY),
    ("comma-then-space", "数据显示, 2025年增长" + BODY, "数据显示，2025年增长" + BODY),
    ("latin-then-period", "企业将借助AI." , "企业将借助AI。"),
    ("number-then-period-eol", "全年共接待游客86万人次,增长了12.", "全年共接待游客86万人次，增长了12。"),
    ("mixed-doubled-comma", "今年,，全市增长" + BODY, "今年，全市增长" + BODY),
    ("stop-before-year", "不少老院子年久失修.2021年起，村里引进文旅企业" + BODY, "不少老院子年久失修。2021年起，村里引进文旅企业" + BODY),
    ("dots-before-number", "名额便被一抢而空......3月初，报名火爆" + BODY, "名额便被一抢而空……3月初，报名火爆" + BODY),
    ("fullwidth-number-then-comma", "血压１４８/９２,比上周稍高" + BODY, "血压148/92，比上周稍高" + BODY),
    ("time-after-colon", "时间:10:30,地点:礼堂" + BODY, "时间：10:30，地点：礼堂" + BODY),
    ("ascii-before-closing-quote", "他说：“今天很好.”大家都笑了" + BODY, "他说：“今天很好。”大家都笑了" + BODY),
    # --- left alone
    ("decimal", "结算采购货款2.19亿元，结算率达99%。", None),
    ("range-hyphen", "工艺加工时长可能压缩到6-7小时。", None),
    ("version", "系统升级到v1.2.3版本后运行稳定" + BODY, None),
    ("url", "详情请登录https://www.gov.cn/zhengce/index.htm查询" + BODY, None),
    ("email", "来稿请发送至news@example.com，注明作者姓名" + BODY, None),
    ("time", "活动于10:30在新荣区礼堂广场举行" + BODY, None),
    ("plus", "活动通过“现场招聘+职业指导+政策咨询”方式进行" + BODY, None),
    ("middle-dot", "马克·吐温的作品在全市中小学图书馆借阅量居前" + BODY, None),
    ("corner-brackets", "他在书中写道「山西好风光」，令人神往" + BODY, None),
    ("double-corner", "标语写着『不忘初心』四个大字" + BODY, None),
    ("list-number", "1.坚持党的领导，全面推进各项工作。", None),
    ("thousands", "全年共发放补贴1,200万元" + BODY, None),
    ("ratio", "主队以3:1战胜客队" + BODY, None),
    ("english-sentence", "He said, \"It's fine.\" And left.", None),
    ("english-ellipsis", "Wait... what?", None),
    ("apostrophe", "Xi'an是十三朝古都" + BODY, None),
    ("domain-dot", "登录www.dtnews.cn或中国.com查询" + BODY, None),
    # --- the peers' damage: all of these are already right
    ("all-chinese-marks", "他说：“今天，我们（全体）要做好‘三件事’；明天呢？好！”《报告》指出、……——完毕。", None),
    ("fullwidth-one", "第１名", "第1名"),
    ("no-space-digits", "2月5日，省政协十三届四次会议圆满完成各项议程" + BODY, None),
    ("no-space-latin-heading", "以AI为翼 助产业跃升", None),
    ("no-space-quote", "这次大会是我省在“十五五”开局起步的重要节点召开的一次重要会议。", None),
    ("dateline-spaces", "本报讯（记者 董芳 实习生 张璐通）2月4日，新荣区人社局开展春风就业帮扶专项活动。", None),
    ("heading-halves", "增强了信心 凝聚了力量", None),
    ("heading-two-parts", "铸三晋智造 启转型新篇", None),
    ("heading-letter-spaced", "全 市 首 个 零 碳 产 业 园 开 园", "全市首个零碳产业园开园"),
    ("heading-one-character-cut-off", "人民论 坛", "人民论坛"),
    ("han-debris-kept", "一 一", None),  # OCR debris, not a spaced-out headline
    ("heading-space-inside-quotes", "让“小 切口”撬动“大民生”", "让“小切口”撬动“大民生”"),
    ("heading-second-part-opens-on-a-quotation", "小病不出村 从“家门口”看病", None),
    ("heading-stray-space-before-a-quotation", "全市首 个“零碳”园区", "全市首个“零碳”园区"),
    ("heading-parts-keep-their-gap", "县域经济“挑大梁” 特色产 业“唱主角”", "县域经济“挑大梁” 特色产业“唱主角”"),
    ("byline", "本报记者 李雪峰", None),
    ("byline-two", "本报记者 王芳 刘洋", None),
    ("photo-credit", "市民在广场上观看文艺演出（本报记者 张三 摄）" + BODY, None),
    ("caption-credit", "市民在广场上观看文艺演出，现场气氛热烈。本报记者 张三 摄", None),
    ("reader-letter-credit", "希望有关部门尽快解决这一问题，还居民一个安静的环境。（河南开封市 牛建海）", None),
    ("name-list", "本次评选的获奖者为：张三 李四 王五 赵六，颁奖仪式将于下周举行。", None),
    ("stray-spaces-no-name-list", "我这手艺是跟我娘学的，没想到 现在成 了饭碗。", "我这手艺是跟我娘学的，没想到现在成了饭碗。"),
    ("name-list-in-sentence", "会上，张三 李四 王五等同志作了发言，大家深受鼓舞。", None),
    ("picture-text-credit", "老人们在社区食堂用餐，饭菜可口，价格实惠。（图/文 王芳）", None),
    ("latin-words", "他在会上用英语说了一句Thank you very much" + BODY, None),
    ("subtitle-dash", "——访省政协委员崔红韦", None),
    ("clean-ellipsis", "游人在街巷里赏灯、猜谜、尝美食……尽享轻松惬意" + BODY, None),
    # --- brackets (PU02)
    ("paren-pair", "本报讯(记者 董芳)今天天气晴好，群众出行方便。", "本报讯（记者 董芳）今天天气晴好，群众出行方便。"),
    ("paren-abbrev", "人工智能(AI)技术正在改变生产方式" + BODY, "人工智能（AI）技术正在改变生产方式" + BODY),
    ("paren-mixed", "本报讯（记者 高燕)日前，记者从市医保局获悉相关情况。", "本报讯（记者 高燕）日前，记者从市医保局获悉相关情况。"),
    ("paren-math", "函数f(x)的取值范围" + BODY, None),
    ("paren-latin-gloss", "加快5G-A(5G-Advanced)商用部署" + BODY, "加快5G-A（5G-Advanced）商用部署" + BODY),
    ("paren-half-damaged", "加快5G-A (5G-Advanced）商用部署" + BODY, "加快5G-A（5G-Advanced）商用部署" + BODY),
    # --- quotes (PU03, PU04)
    ("straight-double", '他说:"我们要坚持下去."' , "他说：“我们要坚持下去。”"),
    ("straight-nested", "他说：\"要做好'三城三地'建设\"" + BODY, "他说：“要做好‘三城三地’建设”" + BODY),
    ("straight-closing-after-stop", '"今年的任务很重。"刘奇说' + BODY, "“今年的任务很重。”刘奇说" + BODY),
    ("straight-mixed-with-curly", "在“家门口\"就能找到工作" + BODY, "在“家门口”就能找到工作" + BODY),
    ("straight-two-pairs", '推广"企业+农户"模式，打造"一县一品"' + BODY, "推广“企业+农户”模式，打造“一县一品”" + BODY),
    # --- ellipsis and dashes (PU05, PU06)
    ("three-dots", "赏灯、猜谜、尝美食...尽享轻松惬意" + BODY, "赏灯、猜谜、尝美食……尽享轻松惬意" + BODY),
    ("six-dots", "赏灯、猜谜......尽享惬意" + BODY, "赏灯、猜谜……尽享惬意" + BODY),
    ("stops-ellipsis", "赏灯、猜谜。。。尽享惬意" + BODY, "赏灯、猜谜……尽享惬意" + BODY),
    ("lone-ellipsis", "赏灯、猜谜…尽享惬意" + BODY, "赏灯、猜谜……尽享惬意" + BODY),
    ("double-hyphen", "搭建“交易博览会”--集产品展示于一体" + BODY, "搭建“交易博览会”——集产品展示于一体" + BODY),
    ("fullwidth-hyphens", "搭建“交易博览会”－－集产品展示于一体" + BODY, "搭建“交易博览会”——集产品展示于一体" + BODY),
    ("lone-em-dash", "搭建“交易博览会”—集产品展示于一体" + BODY, "搭建“交易博览会”——集产品展示于一体" + BODY),
    ("connecting-dash", "第21届中国—东盟博览会开幕，北京—南宁航线同日首航，京—津—冀协同发展" + BODY, None),
    # (a stray space in the place name: the dash stays one, the space goes)
    ("connecting-dash-stray-space", "首趟太原—大 同旅游专列发车" + BODY, "首趟太原—大同旅游专列发车" + BODY),
    ("subtitle-single-dash", "—访省政协委员高冠华", "——访省政协委员高冠华"),
    ("english-double-hyphen", "run it with --verbose flag", None),
    ("gb2312-horizontal-bar", "不停地挥着手―那个身影越来越小" + BODY, "不停地挥着手——那个身影越来越小" + BODY),
    ("two-horizontal-bars", "一闪而过――田野、村庄、河流" + BODY, "一闪而过——田野、村庄、河流" + BODY),
    ("en-dash-between-han", "用智能手机–现在买化肥都能在手机上办" + BODY, "用智能手机——现在买化肥都能在手机上办" + BODY),
    ("two-en-dashes", "也要立地––既要攻克关键技术" + BODY, "也要立地——既要攻克关键技术" + BODY),
    ("box-rule-dash", "已经热气腾腾─熟客们一进门就喊" + BODY, "已经热气腾腾——熟客们一进门就喊" + BODY),
    ("en-dash-range-kept", "每年1–2月是淡季" + BODY, None),
    ("spaced-ellipsis", "“瘦了，又瘦了… …城里的饭菜不合口吧？”", "“瘦了，又瘦了……城里的饭菜不合口吧？”"),
    # --- marks after figures, initials and abbreviations (PU01)
    ("stop-after-degrees", "最低气温可能跌破-5℃.", "最低气温可能跌破-5℃。"),
    ("stop-after-range", "软件业务收入同比增长15%～18%.", "软件业务收入同比增长15%～18%。"),
    ("comma-before-latin-figure", "研发投入强度达到2.65%,5G基站累计建成1.8万个。", "研发投入强度达到2.65%，5G基站累计建成1.8万个。"),
    ("stop-after-scores", "四节比分为26∶22、21∶28、25∶24、26∶21.", "四节比分为26∶22、21∶28、25∶24、26∶21。"),
    ("figure-exclaim-in-quotes", "同学们异口同声地回答：“10!”", "同学们异口同声地回答：“10！”"),
    ("english-exclaim-in-quotes-kept", "他笑着说：“Thank you!”" + BODY, None),
    ("initials", "这本书的作者是J.K.罗琳。", None),
    ("dotted-abbreviation", "他获得了Ph.D.学位后回国任教。", None),
    ("abbreviation-before-comma", "美国苹果公司叫Apple Inc.，总部在加州。", None),
    ("initial-after-dot", "美国总统约翰·F.肯尼迪遇刺" + BODY, None),
    ("latin-sentence-end", "企业借助AI.他们的效率大大提高了。", "企业借助AI。他们的效率大大提高了。"),
    ("fullwidth-point-ends-paragraph", "截至3月底，C919已累计运送旅客超过200万人次．", "截至3月底，C919已累计运送旅客超过200万人次。"),
    ("fullwidth-point-between-sentences", "截至3月底，累计运送旅客超过200万人次．据介绍，机队日利用率达到6-7小时．",
     "截至3月底，累计运送旅客超过200万人次。据介绍，机队日利用率达到6-7小时。"),
    # (a full-width point used as the full stop: after a percentage, before a quote, between
    # two sentences; inside a number, a domain or an address it is a point)
    ("fullwidth-point-after-percent", "3月以来，恒山景区单日最高接待游客1.3万人次，同比增长35%．为应对客流高峰，景区实行分时段预约限流。",
     "3月以来，恒山景区单日最高接待游客1.3万人次，同比增长35%。为应对客流高峰，景区实行分时段预约限流。"),
    ("fullwidth-point-before-quote", "部分患者会出现乏力．“出现症状后及时就医。”市疾控中心专家提醒。",
     "部分患者会出现乏力。“出现症状后及时就医。”市疾控中心专家提醒。"),
    ("fullwidth-point-between-sentences-no-comma", "这是推动高质量发展的重要着力点．我们必须准确把握其内涵。",
     "这是推动高质量发展的重要着力点。我们必须准确把握其内涵。"),
    ("fullwidth-point-in-domain", "详情请登录ｗｗｗ．ｄｔｎｅｗｓ．ｃｎ或www．sxdt．gov．cn查询" + BODY,
     "详情请登录www.dtnews.cn或www.sxdt.gov.cn查询" + BODY),
    ("fullwidth-point-foreign-name-kept", "马克．吐温的作品在全市中小学图书馆借阅量居前，深受学生喜爱。", None),
    ("fullwidth-point-numbered-heading-kept", "第二章．发展目标。到2027年，全市数字经济核心产业增加值占比明显提高。", None),
    ("fullwidth-point-list-number-kept", "1．坚持党的领导，全面推进各项工作。", None),
    # (ASCII marks after a time of day: no thousands separator, a sentence's end)
    ("comma-and-stop-after-times", "景区开放时间调整为8:30—17:30,17:00停止售票；寺庙开放时间为9:00—17:00.清明节假期实行预约。",
     "景区开放时间调整为8:30—17:30，17:00停止售票；寺庙开放时间为9:00—17:00。清明节假期实行预约。"),
    ("stop-after-time-range-ends-paragraph", "悬空寺开放时间为9:00—17:00.", "悬空寺开放时间为9:00—17:00。"),
    ("english-times-kept", "Opening hours are 8:30-17:30,17:00 last entry.", None),
    # (e-mail addresses: a full-width point inside is a point; a stop after one ends the sentence)
    ("email-fullwidth-point-and-stop", "报名邮箱：dtct_hr@163．com。咨询邮箱：dtct@163.com.",
     "报名邮箱：dtct_hr@163.com。咨询邮箱：dtct@163.com。"),
    ("english-email-sentence-kept", "Please send your CV to hr@example.com.", None),
    ("spaces-cut-a-clause", "金秋时节，果农赵 建国 一边采摘一边说话。", "金秋时节，果农赵建国一边采摘一边说话。"),
    # --- doubled marks (PU07)
    ("doubled-comma", "好，，很好" + BODY, "好，很好" + BODY),
    ("doubled-stop", "工作完成了。。下一步" + BODY, "工作完成了。下一步" + BODY),
    ("doubled-enum", "制造业、、服务业" + BODY, "制造业、服务业" + BODY),
    ("kept-double-exclaim", "加油！！我们一定能赢" + BODY, None),
    # --- width (PU08)
    ("fullwidth-year", "１９９８年全市工业总产值" + BODY, "1998年全市工业总产值" + BODY),
    ("fullwidth-percent", "增长８４．９％" + BODY, "增长84.9%" + BODY),
    ("halfwidth-digits-fullwidth-point", "增长84．9％" + BODY, "增长84.9%" + BODY),
    ("fullwidth-latin", "借助ＡＩ工具赋能生产" + BODY, "借助AI工具赋能生产" + BODY),
    ("fullwidth-stop-kept", "第一章．总则", None),
    # --- spaces in body text (PU09)
    ("han-spaces", "新 荣 区开展春风就业帮扶专项活动" + BODY, "新荣区开展春风就业帮扶专项活动" + BODY),
    ("ideographic-space", "新荣区\u3000开展春风就业帮扶专项活动" + BODY, "新荣区开展春风就业帮扶专项活动" + BODY),
    ("pangu-quote-spaces", "这是我省在 “十五五” 开局起步的重要节点召开的一次会议。", "这是我省在“十五五”开局起步的重要节点召开的一次会议。"),
    ("dateline-body-spaces", "本报讯（记者 董芳）2月4日，新 荣 区开展春风就业帮扶专项活动。", "本报讯（记者 董芳）2月4日，新荣区开展春风就业帮扶专项活动。"),
    ("space-before-fullwidth-comma", "新荣区 ，开展春风就业帮扶专项活动" + BODY, "新荣区，开展春风就业帮扶专项活动" + BODY),
    ("space-digit-han-kept", "会议于2 月5 日召开" + BODY, None),
]


@pytest.mark.parametrize("label,text,expected", PROBES, ids=[p[0] for p in PROBES])
def test_probe(label, text, expected):
    page = PUNCT.run(text)
    assert page.text == (text if expected is None else expected)
    assert replay(text, page.edits) == page.text
    assert all(e.code.startswith("PU") for e in page.edits)
    assert not PUNCT.run(page.text).edits, "cleaning the result again must change nothing"


def test_probe_table_is_large_and_two_sided():
    positive = [p for p in PROBES if p[2] is not None]
    negative = [p for p in PROBES if p[2] is None]
    assert len(PROBES) >= 60 and len(positive) >= 25 and len(negative) >= 25


@pytest.mark.parametrize(
    "text,codes",
    [
        ("数据显示,今年增长明显.", ["PU01", "PU01"]),
        ("本报讯(记者 董芳)今天天气晴好。", ["PU02", "PU02"]),
        ('他说:"好"' + BODY, ["PU01", "PU03", "PU03"]),
        ("推进'三城三地'建设" + BODY, ["PU04", "PU04"]),
        ("赏灯...尽享" + BODY, ["PU05"]),
        ("博览会--集产品" + BODY, ["PU06"]),
        ("好，，很好" + BODY, ["PU07"]),
        ("１９９８年" + BODY, ["PU08"]),
        ("新 荣 区" + BODY, ["PU09", "PU09"]),
    ],
)
def test_each_rule_reports_its_own_code(text, codes):
    assert [e.code for e in PUNCT.run(text).edits] == codes


def test_a_fullwidth_point_ending_a_sentence_is_a_chinese_full_stop():
    # after a percentage, between Han characters, before a quote: PU01, as an ASCII stop there is
    page = PUNCT.run("同比增长35%．为应对客流高峰，景区实行分时段预约限流。部分患者会出现乏力．“出现症状后及时就医。”\n")
    assert page.text == "同比增长35%。为应对客流高峰，景区实行分时段预约限流。部分患者会出现乏力。“出现症状后及时就医。”\n"
    assert [(e.code, e.before, e.after) for e in page.edits] == [("PU01", "．", "。"), ("PU01", "．", "。")]
    # on a hard-wrapped page the paragraph the full stop ends stays apart from the next one
    wrapped = ("　　3月以来，恒山景区游客量持续攀升，单日\n最高接待游客1.3万人次，同比增长35%．\n"
               "　　为应对客流高峰，景区实行分时段预约限\n流，每个时段限进悬空寺400人。\n")
    page = cleaner.clean(wrapped)
    assert page.text == ("3月以来，恒山景区游客量持续攀升，单日最高接待游客1.3万人次，同比增长35%。\n\n"
                         "为应对客流高峰，景区实行分时段预约限流，每个时段限进悬空寺400人。\n")
    assert "PU01" in [e.code for e in page.edits] and "RJ10" not in [e.code for e in page.edits]
    assert not cleaner.clean(page.text).edits


def test_a_fullwidth_point_inside_an_address_is_a_point():
    page = PUNCT.run("报名邮箱：dtct_hr@163．com，登录ｗｗｗ．ｄｔｎｅｗｓ．ｃｎ查询。\n")
    assert page.text == "报名邮箱：dtct_hr@163.com，登录www.dtnews.cn查询。\n"
    assert [(e.code, e.before, e.after) for e in page.edits] == [
        ("PU08", "．", "."), ("PU08", "ｗｗｗ．ｄｔｎｅｗｓ．ｃｎ", "www.dtnews.cn")]


def test_ascii_marks_after_a_time_or_an_address_are_chinese():
    page = PUNCT.run("开放时间为8:30—17:30,17:00停止售票；寺庙开放时间为9:00—17:00.清明节假期实行预约。\n")
    assert page.text == "开放时间为8:30—17:30，17:00停止售票；寺庙开放时间为9:00—17:00。清明节假期实行预约。\n"
    assert [(e.code, e.before, e.after) for e in page.edits] == [("PU01", ",", "，"), ("PU01", ".", "。")]
    page = PUNCT.run("咨询邮箱：dtct@163.com.\n")
    assert page.text == "咨询邮箱：dtct@163.com。\n"
    assert [(e.code, e.before, e.after) for e in page.edits] == [("PU01", ".", "。")]
    # a thousands separator, and an address cut by a column break, keep theirs
    for kept in ("全年共发放补贴1,200万元。\n", "共有10:30:00,200条记录\n", "咨询邮箱：dtct@163.com.\n\ncn\n"):
        assert PUNCT.run(kept).text == kept


def test_a_column_break_inside_a_number_keeps_its_ascii_mark():
    # 1.52万 cut after the decimal point (blocks not yet rejoined): the stop is not a sentence end
    text = "去年全村人均可支配收入达到1.\n\n52万元，比5年前翻了一番。\n"
    assert PUNCT.run(text).text == text
    assert PUNCT.run("去年全村人均可支配收入达到1.\n\n今年还要更高。\n").text == "去年全村人均可支配收入达到1。\n\n今年还要更高。\n"


def test_ascii_marks_after_figures_before_chinese_text():
    # a comma after a percentage before a Latin word and a Chinese mark, a stop after a score
    # before the next sentence; a list number after a bracket keeps its point
    assert PUNCT.run("数字经济同比增长18.2%,AI、大数据等新业态快速发展。\n").text == "数字经济同比增长18.2%，AI、大数据等新业态快速发展。\n"
    assert PUNCT.run("四局比分为25∶19、25∶17.天津队主攻手表现出色。\n").text == "四局比分为25∶19、25∶17。天津队主攻手表现出色。\n"
    assert PUNCT.run("（一）1.坚持党的领导。\n").text == "（一）1.坚持党的领导。\n"


def test_the_space_that_ends_an_at_handle_stays():
    assert PUNCT.run("网友@小城故事 晒出了家乡古镇的雪景。\n").text == "网友@小城故事 晒出了家乡古镇的雪景。\n"
    assert PUNCT.run("网友说 晒出了家乡古镇的雪景。\n").text == "网友说晒出了家乡古镇的雪景。\n"


def test_a_number_cut_at_a_column_break_with_its_end_read_twice_keeps_its_point():
    # the column's end (突破2.) read again at the top of the next: the number still goes on
    # after the copy, and the whole clean gives 2.19亿元 back, not 2。 and a stray block
    text = "近年来，和顺县建成标准化菌棚1860座，产值突破2.\n\n产值突破2.\n\n19亿元，“和顺香菇”已注册为地理标志商标。\n"
    assert PUNCT.run(text).text == text
    assert cleaner.clean("小小香菇撑起致富大产业\n\n" + text).text.endswith("产值突破2.19亿元，“和顺香菇”已注册为地理标志商标。\n")
    other = "全年产值突破2.\n\n今年还要更高。\n\n19亿元的目标已经提出。\n"  # not a copy: a sentence end
    assert PUNCT.run(other).text.startswith("全年产值突破2。")
    # a hard-wrapped page: wrap joined the copy to the lines after it, so the next block opens with
    # the copy and the number goes on inside it (it came out ``上涨0。`` and a duplicate paragraph)
    wrapped = ("沪指震荡收涨\n\n　　本报讯（记者 宋雅琳）3月9日，A股三大指数震荡\n走高，截至收盘，上证指数报3286.45点，上涨0.\n\n"
               "走高，截至收盘，上证指数报3286.45点，上涨0.\n85%；深证成指报10542.37点，上涨1.12%\n；创业板指报2143.08点，上涨\n"
               "1.46%。沪深两市合计成交额1.18万亿元。\n")
    assert cleaner.clean(wrapped).text == (
        "沪指震荡收涨\n\n本报讯（记者 宋雅琳）3月9日，A股三大指数震荡走高，截至收盘，上证指数报3286.45点，上涨0.85%；"
        "深证成指报10542.37点，上涨1.12%；创业板指报2143.08点，上涨1.46%。沪深两市合计成交额1.18万亿元。\n")


def test_a_dash_or_ellipsis_cut_by_a_column_break_is_left_for_rejoin():
    for text in ("搭建“交易博览会”—\n\n—集产品展示于一体。\n", "游人赏灯、猜谜…\n\n…尽享轻松惬意。\n"):
        assert PUNCT.run(text).text == text
    assert PUNCT.run("搭建“交易博览会”—\n\n集产品展示于一体。\n").text == "搭建“交易博览会”—\n\n集产品展示于一体。\n"
    assert PUNCT.run("—访省政协委员高冠华\n").text == "——访省政协委员高冠华\n"


def test_a_repair_that_changes_its_neighbours_context_is_followed_up_in_the_same_run():
    # the space before "--" is only removable once the dash is "——": one run does both
    page = PUNCT.run("新荣区 --大同市开展春风就业帮扶专项活动" + BODY)
    assert page.text == "新荣区——大同市开展春风就业帮扶专项活动" + BODY
    assert [(e.code, e.before, e.after) for e in page.edits] == [("PU09", " ", ""), ("PU06", "--", "——")]
    assert replay("新荣区 --大同市开展春风就业帮扶专项活动" + BODY, page.edits) == page.text


def test_edits_are_tight_one_per_run():
    page = PUNCT.run("增长８４．９％，１９９８年" + BODY)
    assert [(e.before, e.after) for e in page.edits] == [("８４．９％", "84.9%"), ("１９９８", "1998")]


def test_heading_spaces_kept_but_body_spaces_removed_in_a_page():
    page = cleaner.clean("增强了信心 凝聚了力量\n\n——热烈祝贺大会胜利闭幕\n\n凝聚共识筑同心 ，广谋良策创伟业。新 荣 区全力为求职人员搭建平台。\n")
    assert page.text.splitlines()[0] == "增强了信心 凝聚了力量"
    assert "凝聚共识筑同心，广谋良策创伟业。新荣区全力" in page.text


def test_opt_in_latin_space_and_corner_quotes():
    text = "以AI为翼，2月5日在新荣区举行，标语写着「不忘初心」。"
    added = Pipeline(["punct"], options={"punct.latin_space": "add"}).run(text).text
    assert added == "以 AI 为翼，2 月 5 日在新荣区举行，标语写着「不忘初心」。"
    removed = Pipeline(["punct"], options={"punct.latin_space": "remove"}).run("会议于2 月5 日召开" + BODY).text
    assert removed == "会议于2月5日召开" + BODY
    corners = Pipeline(["punct"], options={"punct.corner_quotes": True}).run(text).text
    assert corners == "以AI为翼，2月5日在新荣区举行，标语写着“不忘初心”。"
    with pytest.raises(ValueError):
        Pipeline(["punct"], options={"punct.latin_space": "sometimes"}).run(text)


def test_rules_can_be_turned_off_by_code():
    text = "新 荣 区开展活动,效果很好" + BODY
    page = cleaner.clean(text, passes=["punct"], ignore=["PU09"])
    assert page.text == "新 荣 区开展活动，效果很好" + BODY


def test_readme_rule_table_is_generated_from_the_code():
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("gen_rules_table", root / "bench" / "gen_rules_table.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.table() in (root / "README.md").read_text(encoding="utf-8")


def test_normalise_marks_collapses_classes():
    assert normalise_marks(",，,") == "，"
    assert normalise_marks("。.") == "。"
    assert normalise_marks("…") == "……"
    assert normalise_marks("??") == "？？"


def test_page_is_idempotent_through_the_whole_pipeline():
    damaged = (
        "以AI为翼 助产业跃升\n\n—访省政协委员高冠华\n\n"
        '高冠华表示,"我们公司刚成立阶段推出的产品,上市之初凭借高附加值占据市场."随后...\n\n'
        "工艺加工时长可能压缩到6-7小时,效率提升８４．９％。新 荣 区--大同市。\n\n本报记者 郑苗苗\n"
    )
    once = cleaner.clean(damaged)
    assert "——访省政协委员高冠华" in once.text
    assert "高冠华表示，“我们公司刚成立阶段推出的产品，上市之初凭借高附加值占据市场。”随后……" in once.text
    assert "6-7小时，效率提升84.9%。新荣区——大同市" in once.text
    twice = cleaner.clean(once.text)
    assert twice.text == once.text and not twice.edits


def test_damaged_paragraphs_are_restored_exactly():
    """OCR-style damage of every kind, planted at random (seeded) in clean paragraphs, is undone."""
    import random

    clean = [
        "本报讯（记者 王一鸣 通讯员 李晓）3月8日，全市春耕备耕现场推进会在阳高县召开。会议要求，各县区要抓早抓实，确保粮食播种面积稳定在120万亩以上。",
        "“今年化肥价格比去年同期下降了8.5%，农资供应总体充足。”市农业农村局负责人介绍，目前全市已储备种子3200吨、化肥4.6万吨；农机具检修率达到95%！",
        "据了解，该市还将组织200余名农技人员下沉一线，开展“科技下乡”活动（为期3个月），指导农户科学选种、合理施肥……力争实现夏粮丰收——这是全年工作的重点。",
    ]
    ascii_of = {"，": ",", "。": ".", "：": ":", "；": ";", "？": "?", "！": "!", "（": "(", "）": ")", "“": '"', "”": '"'}
    rng = random.Random(5)
    for _ in range(40):
        para = rng.choice(clean)
        damaged = "".join(ascii_of[c] if c in ascii_of and rng.random() < 0.3 else c for c in para)
        damaged = damaged.replace("……", rng.choice(["...", "…", "。。。"])).replace("——", rng.choice(["--", "—", "－－"]))
        damaged = damaged.replace("3200", "３２００").replace("会议要求", "会 议 要求")
        page = cleaner.clean(damaged + "\n")
        assert page.text == para + "\n", damaged
        assert not cleaner.clean(page.text).edits


def test_sample_page_has_no_punct_edits(sample_text):
    page = cleaner.clean(sample_text)
    assert [e for e in page.edits if e.code[:2] in ("PU", "CV")] == []


# --- balance (PU20, PU21) -------------------------------------------------------------------

BALANCE = Pipeline(["balance"])


def findings(text):
    return [(d.code, d.line, text[d.start]) for d in BALANCE.run(text).diagnostics]


def test_unclosed_quote_reported_at_its_line():
    text = "标题\n\n正文第一段。\n\n“今年的政府工作报告，为我省制造业发展锚定清晰航向。\n\n结合自身调研，他提出建议。\n"
    assert findings(text) == [("PU20", 5, "“")]


def test_quote_closed_later_in_one_rejoined_paragraph_is_balanced():
    text = "但问题仍制约着发展。“建设集聚地是战略的核心支点，更是关键抓手。”刘奇建议，加大支持力度。\n"
    assert findings(text) == []


def test_quote_across_a_column_break_is_balanced():
    # before the block rejoin pass lands, a paragraph cut by a column break is two blocks
    text = "但问题仍制约着发展。“建设先进制造业集聚地是战略的核\n\n心支点，更是关键抓手。”刘奇建议，加大支持力度。\n"
    assert findings(text) == []


def test_straight_quotes_across_a_column_break_and_after_a_fragment():
    # a quote opened before a column break closes in the next block (one mark there) ...
    cut = '记者来到现场时，他正在和村民商量下一步的安排。他说:"我们要把这件事\n\n办好"记者了解到，工作已经启动。\n'
    assert PUNCT.run(cut).text.endswith("他说：“我们要把这件事\n\n办好”记者了解到，工作已经启动。\n")
    # ... but a block whose own quotes pair up reads them itself, whatever the block before left
    # open (an overlap fragment cut inside a quotation, ``从"一件事一``)
    fragment = '民生无小事，枝叶总关情。从加装电梯到老旧小区改造,从"一件事一\n\n民生无小事,从"一件事一次办"到夜间门诊,改革解决的是难题。\n'
    assert PUNCT.run(fragment).text.endswith("从“一件事一次办”到夜间门诊，改革解决的是难题。\n")
    # a quotation's first line, short enough for a title but holding a comma, is no title
    short = '守护千年古建\n\n“修古建就像给老人看病，不能乱\n\n下药。"梁文明说，每一块砖都要尽量使用原来的材料。\n'
    assert "下药。”梁文明说" in PUNCT.run(short).text and "下药。”梁文明说" in cleaner.clean(short).text
    # a straight quote that ends a block cut mid-sentence opens what the next block closes (here
    # after the same end read twice at an overlap): it came out ``推出”古建里的数学”``
    cut = ('晋祠博物馆推出研学课程\n\n本报讯（记者 晋雅琴）近日，晋祠博物馆面向中小学生推出"\n\n'
           '晋祠博物馆面向中小学生推出"\n\n古建里的数学”“宋塑里的服饰”等8门研学课程。\n')
    assert "推出“古建里的数学”“宋塑里的服饰”" in cleaner.clean(cut).text
    # ... an ASCII comma too, which the same pass makes full-width
    ascii = '太原队主场两球完胜青岛红狮\n\n"新赛季第一场比赛拿下三分,对球队建立信\n\n心很重要."太原队主教练赛后说,磨合还需要时间。\n'
    assert "心很重要。”太原队主教练" in cleaner.clean(ascii).text
    # a dateline paragraph is body text: a quote it leaves open closes in the next block
    dated = '本报讯（记者 韦佳）"过去浇水全凭经验，现在手机上一看就\n\n知道该干啥。"在定襄县一处示范园，种植户介绍。\n'
    assert "知道该干啥。”在定襄县" in PUNCT.run(dated).text
    # ... and when that line's second piece is read twice, the copy's quote closes as well
    twice = '让科研成果落地生根\n\n"论文写在大地上，成果才能\n\n长在农民的地里."见到她时，\n\n长在农民的地里."见到她时，她刚从试验田回来。\n'
    assert PUNCT.run(twice).text.count("地里。”见到她时") == 2
    assert "成果才能长在农民的地里。”见到她时，她刚从试验田回来。" in cleaner.clean(twice).text


def test_stray_closer_and_bracket_reported():
    text = "他说，今天很好。”大家都笑了。\n\n本报讯（记者 高燕日前，记者从市医保局获悉。\n"
    assert findings(text) == [("PU20", 1, "”"), ("PU21", 3, "（")]


def test_quotation_over_several_paragraphs_is_not_unbalanced():
    text = "“第一段引语，说完了。\n\n“第二段引语，也说完了。”\n"
    assert findings(text) == []


def test_apostrophe_is_not_a_quote():
    assert findings("China’s economy，中国经济稳中向好。\n") == []


def test_sample_page_unbalanced_quote_at_line_132(sample_text):
    page = cleaner.clean(sample_text)
    assert [(d.code, d.line) for d in page.diagnostics if d.code.startswith("PU2")] == [("PU20", 132)]


def test_an_ascii_comma_between_two_figures_in_chinese_text_is_chinese():
    text = "全省县域地区生产总值占全省比重达到52.6%,23个县（市）进入全国百强。\n"
    assert cleaner.clean(text).text == "全省县域地区生产总值占全省比重达到52.6%，23个县（市）进入全国百强。\n"
    for kept in ("共有3,000人参加。\n", "The rate was 52.6%,23 more than last year.\n"):
        assert cleaner.clean(kept).text == kept


def test_a_credit_cut_by_a_column_break_keeps_its_spaces():
    # the block ``本报讯（记者 华晓雯 实习生 苗`` reads like a heading; its last space is no letter-spacing
    text = "老旧小区加装电梯今年再增300部\n　　本报讯（记者 华晓雯 实习生 苗\n\n雨）记者3月3日从市住建局了解到，今\n年我市计划加装电梯300部。\n"
    page = cleaner.clean(text)
    assert page.articles[0].dateline == "本报讯（记者 华晓雯 实习生 苗雨）"
    cut = "春耕时节农事忙\n\n本报讯（记者 陶然 邵\n\n景文）连日来，各地抢抓农时，田间地头一派繁忙景象。\n"
    assert cleaner.clean(cut).articles[0].authors == ["陶然", "邵景文"]


def test_spaces_in_a_block_of_thousands_of_credits_cost_linear_time():
    # each space was checked against every credit span of its block: 100,000 characters of
    # run-on datelines took 5 s, a 3 MB line 70 s; a bisection makes it a lookup
    from cleaner.passes.punct import PunctPass
    from cleaner.passes.base import Context

    unit = "本报讯（记者 王五）春耕时节，田间地头一派繁忙景象，农技人员深入田间指导 农户科学施肥，"
    text = unit * 2000
    ctx = Context(text, dict(PunctPass.options), {})
    PunctPass().run(ctx)
    # the stray space in every unit goes; the ones inside the 2,000 credits stay
    assert sum(e.code == "PU09" for e in ctx.edits) == 2000
    assert all(text[e.start - 1] == "导" for e in ctx.edits if e.code == "PU09")


@pytest.mark.parametrize("text, want", [
    ("记者采访了王𠮷,𠮷说今年收成不错。\n", "记者采访了王𠮷，𠮷说今年收成不错。\n"),
    ("他家姓𠮷;𠮷姓在当地不多见。\n", "他家姓𠮷；𠮷姓在当地不多见。\n"),
])
def test_a_mark_between_han_characters_of_the_supplementary_planes_is_chinese(text, want):
    """𠮷 (U+20BB7, extension B) is Han: a mark between two such characters was left ASCII, and
    one between characters OpenCC maps into the basic block (``𩶘`` → ``䲞``) was made full-width
    only on a second clean (fuzz seed 97)."""
    assert cleaner.clean(text).text == want


def test_around_edits_and_suspect_lines_match_their_plain_forms():
    """The shortcuts of around_edits (an edit in the last span's paragraph adds nothing) and
    suspect_lines (pairs removed one kind at a time) give what the plain computations give."""
    import random
    import re

    from cleaner.edits import merge_spans
    from cleaner.passes.punct import _apply, _blocks_around, around_edits, suspect_lines

    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice("ab\n\n“”（）()《》") for _ in range(rng.randrange(0, 40)))
        edits, pos = [], 0
        while pos < len(text) and rng.random() < 0.8:
            s = rng.randrange(pos, len(text) + 1)
            e = min(len(text), s + rng.randrange(0, 3))
            edits.append((s, e, rng.choice(["", "x", "\n\n", "yz"]), "PU00"))
            pos = e + 1
        out = _apply(text, edits)
        spans, shift = [], 0
        for s, e, after, _ in edits:
            spans.append(_blocks_around(out, s + shift, s + shift + len(after)))
            shift += len(after) - (e - s)
        assert around_edits(out, edits) == merge_spans(spans)
        marks = re.sub("[^“”‘’（）()《》【】〔〕「」『』\n]", "", text).replace("(", "（").replace(")", "）")
        while (fewer := re.sub("“”|‘’|（）|《》|【】|〔〕|「」|『』", "", marks)) != marks:
            marks = fewer
        assert suspect_lines(text) == [k for k, line in enumerate(marks.split("\n")) if line]


def test_a_straight_quote_opening_a_block_closes_the_one_a_column_break_left_open():
    text = (
        '记者了解到，今年"3·15\n\n\n"的主题聚焦预付式消费，全市12315平台受理的投诉中，'
        '"办卡容易退卡难""商家跑路"等问题较为突出。\n'
    )
    assert cleaner.clean(text).text == (
        "记者了解到，今年“3·15”的主题聚焦预付式消费，全市12315平台受理的投诉中，“办卡容易退卡难”“商家跑路”等问题较为突出。\n"
    )


def test_a_short_piece_that_opens_a_quote_carries_it_across_a_column_break():
    # ``"要是回`` looks like a title by its length, but a title does not leave its quote open
    text = '　　"要是回\n\n来打官司，来回路费加上请假扣的工资，差不多得两千块。现在用手机就能出庭，太方便了。"原告郝某在视频中说。\n'
    assert cleaner.clean(text).text == "“要是回来打官司，来回路费加上请假扣的工资，差不多得两千块。现在用手机就能出庭，太方便了。”原告郝某在视频中说。\n"
