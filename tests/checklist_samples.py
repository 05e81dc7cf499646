"""Small checklists shared by the tests of several layers."""

VALID = """format = 1

[checklist]
id = "t"
title = "测试方案"

[[parts]]
number = "一"
title = "总体"

[[tasks]]
id = "1"
part = "一"
text = "任务一。"
lead_units = ["市编办"]
responsible_units = []
deadline = "2017年底完成"
due = 2017-12-31

[[tasks]]
id = "2"
part = "一"
text = "任务二。"
lead_units = ["市司法局"]
responsible_units = ["市编办"]
deadline = "每年第一季度"
recurrence = "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=-1"
"""

UNPARSED_CHECKLIST = (
    VALID
    + """
[[tasks]]
id = "3"
part = "一"
text = "任务三。"
lead_units = ["市编办"]
deadline = "视情况适时推进"

[[tasks]]
id = "4"
part = "一"
text = "任务四。"
lead_units = ["市编办"]
"""
)
