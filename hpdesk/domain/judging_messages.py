"""The texts of the reasons `targets` (why a target needs judgement) and `target_judging` (why a verdict) give, in
the message catalogue (they fill a module of their own).

The Chinese ones are the wording the packet and the Excel export have always printed (the judging tests compare it
verbatim); params quote numbers with their units, target texts and the clerk's own words as they were written.
A reason is built from nested messages (a prefix, a body, the verdict's words), each rendered in the same language.
"""

from __future__ import annotations

from hpdesk.domain.messages import Message, register_messages

register_messages({
    "verdict_met": ("已达标", "met"),
    "verdict_not_met": ("未达标", "not met"),
    "verdict_on_track": ("进度正常", "on track"),
    "verdict_off_track": ("进度落后", "off track"),
    "verdict_needs_judgement": ("需人工判断", "needs judgement"),
    "verdict_no_value": ("未填报", "not reported"),
    "target_none": ("没有目标值", "No target"),
    "target_numbers_and": ("{first}、{second}", "{first}, {second}"),
    "target_bare_numbers": ("目标只写了数字 {numbers}，需要先确定该指标是越高越好还是越低越好",
                            "The target is only the number {numbers}: first decide whether higher or lower is "
                            "better for this indicator"),
    "target_no_clear_bound": ("“{text}”没有明确的界限，是否达到需人工判断",
                              "\"{text}\" has no clear bound; whether it is reached needs judgement"),
    "target_percent_ambiguity": ("“{phrase}”可以理解为相对变化{amount}%（即基数的{factor}倍），也可以理解为变化{amount}个百分点",
                                 "\"{phrase}\" can mean a relative change of {amount}% (the base times {factor}) "
                                 "or a change of {amount} percentage points"),
    "target_percent_ambiguity_no_unit": ("指标单位未知；“{phrase}”可以理解为相对变化{amount}%（即基数的{factor}倍），"
                                         "也可以理解为变化{amount}个百分点",
                                         "The indicator's unit is unknown; \"{phrase}\" can mean a relative change "
                                         "of {amount}% (the base times {factor}) or a change of {amount} percentage "
                                         "points"),
    "target_about": ("目标写“左右”，是否达到需人工判断", "The target says \"about\": whether it is reached needs "
                     "judgement"),
    "target_slowing_ambiguity": ("“{phrase}”可以理解为数值本身下降（指标就是增长率时），也可以理解为逐年增幅缩小（指标是水平值时）",
                                 "\"{phrase}\" can mean the value itself falls (when the indicator is a growth "
                                 "rate) or the yearly rise shrinks (when it is a level)"),
    "target_vague_words": ("目标用“明显/显著”等程度词，变化幅度是否足够需人工判断",
                           "The target uses words such as \"clearly\" or \"markedly\": whether the change is "
                           "large enough needs judgement"),
    "target_other_subject": ("目标针对“{subject}”，与指标本身的口径可能不同，需人工判断",
                             "The target speaks of \"{subject}\", which may be measured differently from the "
                             "indicator: needs judgement"),
    "target_trend_needs_direction": ("“{trend}”要按指标方向判断：请先确定该指标越高越好还是越低越好",
                                     "\"{trend}\" depends on the indicator's direction: first decide whether "
                                     "higher or lower is better"),
    "target_unreadable_error": ("无法识别的目标写法（{error}），需人工判断",
                                "The target could not be read ({error}): needs judgement"),
    "target_basically": ("目标写“基本”，差距多少算达到需人工判断",
                         "The target says \"basically\": how close counts as reached needs judgement"),
    "target_same_ratio": ("“同比例提高”要与相关指标（如人均预期寿命）的提高比例对照，需人工判断",
                          "\"Raise in the same proportion\" must be compared with the rise of the related "
                          "indicator (such as life expectancy): needs judgement"),
    "target_state": ("“{text}”是工作状态，需根据佐证材料人工判断",
                     "\"{text}\" is a state of the work: judge it by hand from the evidence"),
    "target_unreadable": ("无法识别的目标写法：“{text}”，需人工判断",
                          "The target \"{text}\" could not be read: needs judgement"),
    "judge_bounds_and": ("{first} 且 {second}", "{first} and {second}"),
    "judge_who_when": ("{who}，{when}", "{who}, {when}"),
    "judge_with_verdict": ("{body}，{verdict}", "{body}: {verdict}"),
    "judge_prefixed": ("{prefix}{body}", "{prefix}{body}"),
    "judge_not_reported": ("{year}年尚未填报数值", "No value has been entered for {year}"),
    "judge_not_finite": ("数值中有无法计算的数（如 NaN），请核对", "A value cannot be computed with (such as NaN); please "
                         "check"),
    "judge_state": ("“{text}”需人工判断", "\"{text}\" needs judgement"),
    "judge_not_a_number": ("{year}年填报的不是数值，无法与目标比较", "The value entered for {year} is not a number and "
                           "cannot be compared with the target"),
    "judge_not_a_number_because": ("{year}年填报的不是数值，无法与目标比较（{reason}）",
                                   "The value entered for {year} is not a number and cannot be compared with the "
                                   "target ({reason})"),
    "judge_cannot_judge": ("无法判断", "Cannot be judged"),
    "judge_no_target": ("该指标没有目标值", "The indicator has no target"),
    "judge_invalid_clerk_verdict": ("记录的人工判断“{verdict}”无效，请重新判断",
                                    "The recorded judgement \"{verdict}\" is not valid; please judge again"),
    "judge_by_clerk": ("人工判断：{verdict}", "Judged by hand: {verdict}"),
    "judge_by_clerk_who": ("人工判断（{who}）：{verdict}", "Judged by hand ({who}): {verdict}"),
    "judge_by_clerk_why": ("{judged}。{reason}", "{judged}. {reason}"),
    "judge_direction_unknown": ("目标只写了数字，需要先确定该指标是越高越好还是越低越好",
                                "The target is only a number: first decide whether higher or lower is better for "
                                "this indicator"),
    "judge_units_differ": ("目标单位“{target_unit}”与数值单位“{unit}”不同，无法换算，需人工判断",
                           "The target's unit \"{target_unit}\" differs from the value's unit \"{unit}\" and cannot "
                           "be converted; needs judgement"),
    "judge_converted": ("目标 {target} 折合 {converted}", "the target {target} is {converted}"),
    "judge_converted_prefix": ("{notes}，", "{notes}, "),
    "judge_value_then": ("{year}年值 {value}；{reason}", "Value for {year}: {value}; {reason}"),
    "judge_no_clear_bound": ("{year}年值 {value}，目标“{text}”没有明确界限，是否达到需人工判断",
                             "Value for {year}: {value}; the target \"{text}\" has no clear bound, whether it is "
                             "reached needs judgement"),
    "judge_compared_one": ("{operator} 目标 {target}", "{operator} the target {target}"),
    "judge_compared_within": ("在目标 {target} 之内", "within the target {target}"),
    "judge_met": ("{year}年值 {value} {compared}", "Value for {year}: {value} {compared}"),
    "judge_reached_early": ("{year}年值 {value} 已达到{target_year}年目标 {target}",
                            "Value for {year}: {value}, already at the {target_year} target {target}"),
    "judge_missed": ("{year}年值 {value} 未达到目标 {target}", "Value for {year}: {value}, short of the target "
                     "{target}"),
    "judge_no_start": ("{year}年值 {value} 尚未达到{target_year}年目标 {target}，且没有基期值或往年数值，无法判断进度",
                       "Value for {year}: {value}, not yet at the {target_year} target {target}, and without a "
                       "baseline or an earlier value progress cannot be judged"),
    "judge_baseline_word": ("基期", "baseline "),
    "judge_path_up": ("按{since}{start_year}年 {start} 到{target_year}年目标 {operator}{target} 的线性进度，"
                      "{year}年应达到 {expected}，实际 {value}",
                      "On the straight line from {since}{start_year} ({start}) to the {target_year} target "
                      "{operator}{target}, {year} should reach {expected}; actual {value}"),
    "judge_path_down": ("按{since}{start_year}年 {start} 到{target_year}年目标 {operator}{target} 的线性进度，"
                        "{year}年应降到 {expected}，实际 {value}",
                        "On the straight line from {since}{start_year} ({start}) to the {target_year} target "
                        "{operator}{target}, {year} should come down to {expected}; actual {value}"),
    "judge_parts_mismatch": ("目标有 {count} 个分项（{text}），一个数值无法对应全部分项：请按分项填报（如 {example}）或人工判断",
                             "The target has {count} parts ({text}); one value cannot answer them all: enter one "
                             "value per part (such as {example}) or judge by hand"),
    "judge_part_prefix": ("第{index}项：", "Part {index}: "),
    "judge_units_differ_change": ("变化量的单位“{change_unit}”与指标单位“{unit}”不同，无法换算",
                                  "The change's unit \"{change_unit}\" differs from the indicator's unit \"{unit}\" "
                                  "and cannot be converted"),
    "judge_step_up_relative": ("提高{amount}%", "up {amount}%"),
    "judge_step_down_relative": ("降低{amount}%", "down {amount}%"),
    "judge_step_up_points": ("提高{amount}个百分点", "up {amount} percentage points"),
    "judge_step_down_points": ("降低{amount}个百分点", "down {amount} percentage points"),
    "judge_step_up": ("提高{amount}{unit}", "up {amount} {unit}"),
    "judge_step_down": ("降低{amount}{unit}", "down {amount} {unit}"),
    "judge_readings_agree": ("{ambiguity}；两种理解结论相同。按相对变化：{reason}",
                             "{ambiguity}; both readings agree. As a relative change: {reason}"),
    "judge_readings_differ": ("{ambiguity}。按相对变化：{relative}；按百分点：{points}。请人工判断",
                              "{ambiguity}. As a relative change: {relative}; as percentage points: {points}. "
                              "Please judge by hand"),
    "judge_missing_base_year": ("缺少{year}年的数值，无法计算“{text}”的目标值",
                                "Without a value for {year} the target of \"{text}\" cannot be computed"),
    "judge_missing_base": ("缺少基期值，无法计算“{text}”的目标值",
                           "Without a baseline the target of \"{text}\" cannot be computed"),
    "judge_base_year": ("{year}年", "{year}"),
    "judge_base_baseline": ("基期", "the baseline"),
    "judge_relative_prefix": ("以{since} {base} 为基数，{step}即目标 {operator}{goal}；",
                              "From {since} ({base}), {step} gives the target {operator}{goal}; "),
    "judge_vague": ("{body}；但目标写“左右”，是否达到需人工判断",
                    "{body}; but the target says \"about\", whether it is reached needs judgement"),
    "judge_rate_needs_start": ("“{text}”需要基期值或更早年份的数值才能计算",
                               "\"{text}\" needs a baseline or an earlier year's value to be computed"),
    "judge_rate_down": ("从{start_year}年 {start} 起每年{step}，{year}年应不高于 {expected}，实际 {value}",
                        "From {start_year} ({start}), {step} a year: {year} should be at most {expected}; actual "
                        "{value}"),
    "judge_rate_up": ("从{start_year}年 {start} 起每年{step}，{year}年应不低于 {expected}，实际 {value}",
                      "From {start_year} ({start}), {step} a year: {year} should be at least {expected}; actual "
                      "{value}"),
    "judge_slowing_readings_differ": ("{ambiguity}。按增幅缩小：{slowing}；按数值下降：{falling}。请人工判断",
                                      "{ambiguity}. As a slower rise: {slowing}; as a falling value: {falling}. "
                                      "Please judge by hand"),
    "judge_slowing_readings_agree": ("{ambiguity}；两种理解结论相同。{reason}",
                                     "{ambiguity}; both readings agree. {reason}"),
    "judge_direction_first": ("需要先确定该指标越高越好还是越低越好",
                              "First decide whether higher or lower is better for this indicator"),
    "judge_direction_fits": ("{body}，数值变化的方向符合；{reason}", "{body}; the values move the right way; {reason}"),
    "trend_up": ("上升", "rise"),
    "trend_down": ("下降", "fall"),
    "trend_slowing": ("增幅放缓", "rise more slowly"),
    "trend_better": ("改善", "improve"),
    "trend_consolidate": ("巩固提升", "consolidate"),
    "judge_two_years_needed": ("判断“{trend}”需要至少两个年份的数值（基期也算）",
                               "Judging \"{trend}\" needs values for at least two years (the baseline counts)"),
    "judge_series_point": ("{year}年 {value}", "{year}: {value}"),
    "judge_series_more": ("{first}，{rest}", "{first}, {rest}"),
    "judge_trend_result": ("{series}：{detail}", "{series}: {detail}"),
    "judge_every_year_fits": ("每年都符合", "every year fits"),
    "judge_year_broken": ("每年都应{trend}，但{year}年没有比{before}年{trend}",
                          "every year should {trend}, but {year} did not {trend} against {before}"),
    "judge_moved": ("{year}年比{first}年已{trend}", "{year} did {trend} against {first}"),
    "judge_not_moved": ("{year}年比{first}年没有{trend}", "{year} did not {trend} against {first}"),
    "judge_step_series": ("{before_year}年 {before} → {after_year}年 {after}", "{before_year}: {before} → "
                          "{after_year}: {after}"),
    "judge_improved": ("{series}，按指标方向有所提升", "{series}, better in the indicator's direction"),
    "judge_at_ceiling": ("{series}，已处于上限并保持", "{series}, at the upper limit and kept there"),
    "judge_at_floor": ("{series}，已处于下限并保持", "{series}, at the lower limit and kept there"),
    "judge_level": ("{series}，与上年持平，是否算“巩固提升”需人工判断",
                    "{series}, level with the year before; whether that counts as consolidating needs judgement"),
    "judge_worse": ("{series}，按指标方向变差", "{series}, worse in the indicator's direction"),
    "judge_no_longer_rising": ("{series}，已不再上升", "{series}, no longer rising"),
    "judge_three_years_needed": ("判断“增幅放缓”需要至少三个年份的数值（基期也算）",
                                 "Judging a slower rise needs values for at least three years (the baseline "
                                 "counts)"),
    "judge_slowed": ("{ya}—{yb}年每年变化 {earlier}，{yb}—{yc}年每年变化 {latest}，增幅已放缓",
                     "{ya}–{yb}: {earlier} a year, {yb}–{yc}: {latest} a year: the rise has slowed"),
    "judge_not_slowed": ("{ya}—{yb}年每年变化 {earlier}，{yb}—{yc}年每年变化 {latest}，增幅没有放缓",
                         "{ya}–{yb}: {earlier} a year, {yb}–{yc}: {latest} a year: the rise has not slowed"),
})
# the trends a target names, as messages (the reasons quote them)
TREND_MESSAGES = {trend: Message.of(f"trend_{trend}") for trend in ("up", "down", "slowing", "better", "consolidate")}
