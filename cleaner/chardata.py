"""Character tables for the punctuation and width rules, built once at import.

Data, not logic: which marks count as Chinese context, how ASCII marks map to their Chinese
forms, and the full-width to half-width table for digits and Latin letters.
"""
from __future__ import annotations

#: Chinese (full-width) punctuation: a neighbour from this set, or a Han character, makes a
#: mark's context Chinese. ``·`` is left out on purpose: it sits inside names (``马克·吐温``).
CJK_PUNCT = "，。、；：？！…—“”‘’（）《》〈〉【】「」『』〔〕〖〗～"

#: ASCII sentence marks and the Chinese mark each becomes in Chinese context
ASCII_MARKS = ",.:;?!"
FULL_MARKS = "，。：；？！、…"
#: the class of a mark: marks of one class next to each other are one mark typed twice
MARK_CLASS = {
    ",": "，", "，": "，",
    ";": "；", "；": "；",
    ":": "：", "：": "：",
    "?": "？", "？": "？",
    "!": "！", "！": "！",
    "、": "、",
    ".": "。", "。": "。", "…": "。",
}
#: classes a doubled mark collapses in (``，，`` is one comma); ``？？`` and ``！！`` are kept as typed
COLLAPSING = frozenset("，；：、")

#: where a straight quote after this character opens a quotation
QUOTE_OPENS_AFTER = frozenset(" \u3000（(《【〈[「『：:“‘—")
#: where a straight quote before this character closes one (an opening quote is followed by words)
QUOTE_CLOSES_BEFORE = frozenset("，。、；：？！…）)》】〉]」』,.;:?!")

#: U+FF10-FF19, U+FF21-FF3A, U+FF41-FF5A (full-width digits and Latin letters) to ASCII
FULLWIDTH_ALNUM = "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ"
WIDTH_TABLE = {ord(c): chr(ord(c) - 0xFEE0) for c in FULLWIDTH_ALNUM}

#: corner brackets to curly quotes (opt-in: they are correct in traditional-style text)
CORNER_TABLE = {"「": "“", "」": "”", "『": "‘", "』": "’"}

#: bracket pairs the balance check knows; ASCII and full-width parentheses count as one kind
BRACKETS = {"（": "（", "(": "（", "）": "）", ")": "）", "《": "《", "》": "》", "【": "【", "】": "】",
            "〔": "〔", "〕": "〕", "「": "「", "」": "」", "『": "『", "』": "』"}
OPENER_OF = {"）": "（", "》": "《", "】": "【", "〕": "〔", "」": "「", "』": "『", "”": "“", "’": "‘"}

#: places a connecting dash joins (``中国—东盟博览会``, ``北京—南宁航线``, ``京—津—冀``, ``中—欧班列``):
#: a lone ``—`` set solid between two of these is the connector of GB/T 15834, not a broken ``——``
CONNECTED_PLACES = frozenset(
    # countries and regions, with the one-character forms used in pairs (中美, 中欧)
    "中国 中 东盟 欧盟 欧洲 欧 亚洲 亚 非洲 非 美洲 拉美 美国 美 日本 日 韩国 韩 俄罗斯 俄 德国 德 法国 法 英国 英 "
    "阿拉伯 阿 中亚 东亚 南亚 西亚 东南亚 亚太 太平洋 大西洋 印度洋 蒙古 蒙 老挝 老 越南 越 泰国 泰 新加坡 新 "
    "哈萨克斯坦 哈 巴基斯坦 巴 印度 印 朝鲜 朝 缅甸 缅 柬埔寨 柬 "
    # provinces and their one-character names
    "北京 京 天津 津 河北 冀 山西 晋 内蒙古 辽宁 辽 吉林 吉 黑龙江 黑 上海 沪 江苏 苏 浙江 浙 安徽 皖 福建 闽 "
    "江西 赣 山东 鲁 河南 豫 湖北 鄂 湖南 湘 广东 粤 广西 桂 海南 琼 重庆 渝 四川 川 蜀 贵州 黔 云南 滇 西藏 藏 "
    "陕西 陕 甘肃 甘 青海 青 宁夏 宁 新疆 香港 港 澳门 澳 台湾 台 "
    # cities a route or a corridor names
    "广州 深圳 成都 蓉 武汉 汉 西安 南京 杭州 郑州 长沙 昆明 南宁 贵阳 兰州 乌鲁木齐 拉萨 呼和浩特 包头 太原 石家庄 "
    "沈阳 大连 长春 哈尔滨 济南 青岛 合肥 福州 厦门 南昌 海口 三亚 银川 西宁 珠海 汕头 宁波 温州 苏州 无锡 徐州 "
    "洛阳 大同 雄安 连云港 霍尔果斯 二连浩特 满洲里 喀什 伊宁 阿拉山口 鹿特丹 杜伊斯堡 莫斯科 万象 曼谷 雅加达 万隆".split()
)
