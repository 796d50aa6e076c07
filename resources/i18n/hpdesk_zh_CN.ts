<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../../hpdesk/ui/dialogs/assign_dialog.py" line="24"/>
        <source>Assign units — {task}</source>
        <translation>分派责任单位 — {task}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/assign_dialog.py" line="25"/>
        <source>Assign units — {count} tasks</source>
        <translation>分派责任单位 — {count}项任务</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/assign_dialog.py" line="29"/>
        <source>The lead unit answers for the task; co-responsible units report their part. Units that already reported keep their reports.</source>
        <translation>牵头单位对任务总负责，配合单位报送各自承担的部分。已经填报过的单位保留其报告。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/assign_dialog.py" line="46"/>
        <source>Choose or type the lead unit</source>
        <translation>选择或输入牵头单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/assign_dialog.py" line="47"/>
        <source>Lead unit</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/assign_dialog.py" line="50"/>
        <source>Filter units…</source>
        <translation>筛选单位…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/assign_dialog.py" line="52"/>
        <source>Co-responsible units</source>
        <translation>配合单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/assign_dialog.py" line="81"/>
        <source>Choose the lead unit from the list.</source>
        <translation>请从列表中选择牵头单位。</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/calendar_page.py" line="154"/>
        <source>{period} stays locked: reopening it needs a reason.</source>
        <translation>{period}仍为锁定：重新打开须写明理由。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/calendar_page.py" line="57"/>
        <source>When reports fall due</source>
        <translation>报送截止日期</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/calendar_page.py" line="61"/>
        <source>First half-year report</source>
        <translation>上半年报告</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/calendar_page.py" line="62"/>
        <source>Second half-year report</source>
        <translation>下半年报告</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/calendar_page.py" line="68"/>
        <source>in the following year</source>
        <translation>次年截止</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/calendar_page.py" line="73"/>
        <source>Yearly report</source>
        <translation>年度报告</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/calendar_page.py" line="76"/>
        <source>Save due dates</source>
        <translation>保存截止日期</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/calendar_page.py" line="81"/>
        <source>Reporting periods</source>
        <translation>报送期</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/calendar_page.py" line="93"/>
        <source>Create the periods of</source>
        <translation>创建报送期：</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/calendar_page.py" line="100"/>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/calendar_page.py" line="106"/>
        <source>Mark as sent to the city</source>
        <translation>标记为已报送</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/calendar_page.py" line="108"/>
        <location filename="../../hpdesk/ui/dialogs/settings/calendar_page.py" line="172"/>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/calendar_page.py" line="109"/>
        <source>After locking, every change needs a reason and is marked in exports</source>
        <translation>锁定后，任何修改都需说明理由，并在报送材料中注明</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/calendar_page.py" line="111"/>
        <location filename="../../hpdesk/ui/dialogs/settings/calendar_page.py" line="167"/>
        <source>Reopen</source>
        <translation>重新开放</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/calendar_page.py" line="141"/>
        <location filename="../../hpdesk/ui/dialogs/settings/calendar_page.py" line="179"/>
        <source>Calendar</source>
        <translation>报送日历</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/calendar_page.py" line="142"/>
        <source>Saved. Periods created from now on use these due dates.</source>
        <translation>已保存。此后新建的报送期将使用这些截止日期。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/calendar_page.py" line="168"/>
        <source>Why must {period} be reopened? (kept in the audit trail)</source>
        <translation>为什么要重新开放{period}？（理由记入操作日志）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/calendar_page.py" line="173"/>
        <source>Lock {period}? Later changes will need a reason and show in the exports.</source>
        <translation>锁定{period}？之后的修改需说明理由，并在报送材料中注明。</translation>
    </message>
</context>
<context>
    <name>CityConsolidationPage</name>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="63"/>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="276"/>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="282"/>
        <source>Consolidation</source>
        <translation>汇总</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="66"/>
        <source>Period</source>
        <translation>报送期</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="72"/>
        <source>Write the summary workbook and PDF…</source>
        <translation>生成汇总表和汇总报告…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="85"/>
        <source>Completeness</source>
        <translation>完成情况</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="86"/>
        <source>Indicators</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="87"/>
        <source>One task, every county</source>
        <translation>一项任务，各县区对照</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="88"/>
        <source>Search answers</source>
        <translation>检索各县区答复</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="103"/>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="125"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="109"/>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="125"/>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="178"/>
        <source>County</source>
        <translation>县区</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="109"/>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="178"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="109"/>
        <source>Work done</source>
        <translation>工作开展情况</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="109"/>
        <source>Figures</source>
        <translation>主要数据</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="110"/>
        <source>Problems</source>
        <translation>存在问题</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="110"/>
        <source>Next steps</source>
        <translation>下步打算</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="110"/>
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="121"/>
        <source>Words to find in every county&apos;s answers</source>
        <translation>在各县区的答复中查找的词</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="125"/>
        <source>Where</source>
        <translation>所在位置</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="125"/>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="161"/>
        <source>The city has no reporting periods yet (Settings → Calendar).</source>
        <translation>本市还没有设定报送期（设置 → 报送日历）。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="168"/>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="169"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="171"/>
        <source>{period}: {accepted} of {counties} counties accepted · due {due} · missing or returned: {missing} · late: {late}</source>
        <translation>{period}：{counties} 个县区中已接收 {accepted} 个 · 截止日期 {due} · 未报送或被退回：{missing} · 逾期：{late}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="174"/>
        <source> · {count} differences from the city&apos;s plan</source>
        <translation> · 与市级计划不一致 {count} 处</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="178"/>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="178"/>
        <source>Reported</source>
        <translation>已报送</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="178"/>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="211"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="179"/>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="212"/>
        <source>In progress</source>
        <translation>推进中</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="179"/>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="214"/>
        <source>Not reported</source>
        <translation>未报送</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="184"/>
        <source> (late)</source>
        <translation>（逾期）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="196"/>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="196"/>
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="197"/>
        <source>Counties meeting</source>
        <translation>达标县区数</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="210"/>
        <source>Tasks per county</source>
        <translation>各县区任务完成情况</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="213"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="215"/>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="225"/>
        <source>No accepted package for this period yet.</source>
        <translation>本期还没有已接收的报送。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="220"/>
        <source>Indicators meeting their target, per county</source>
        <translation>各县区指标达标情况</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="221"/>
        <source>Met or on track</source>
        <translation>已达标或进度正常</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="222"/>
        <source>Not met or to judge</source>
        <translation>未达标或待判断</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="224"/>
        <source>No value</source>
        <translation>未填报</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="265"/>
        <source>Where to write the summary workbook and PDF</source>
        <translation>汇总表和汇总报告保存到</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="269"/>
        <source>Writing the summary…</source>
        <translation>正在生成汇总…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_consolidation_page.py" line="276"/>
        <source>Written:
{workbook}
{pdf}</source>
        <translation>已生成：
{workbook}
{pdf}</translation>
    </message>
</context>
<context>
    <name>CityInboxPage</name>
    <message>
        <location filename="../../hpdesk/ui/views/city_inbox_page.py" line="46"/>
        <location filename="../../hpdesk/ui/views/city_inbox_page.py" line="175"/>
        <source>Inbox</source>
        <translation>收件箱</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_inbox_page.py" line="50"/>
        <source>Receive packages…</source>
        <translation>接收报送包…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_inbox_page.py" line="51"/>
        <source>Receive a folder…</source>
        <translation>接收文件夹…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_inbox_page.py" line="52"/>
        <source>Return to the county…</source>
        <translation>退回县区…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_inbox_page.py" line="57"/>
        <source>Drop the counties&apos; packages (.zip) or the folder of a USB stick here. Each package is checked against its own county&apos;s certificates only.</source>
        <translation>把各县区的报送包（.zip）或 U 盘中的文件夹拖到这里。每个报送包只用其所署县区登记的证书核验。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_inbox_page.py" line="63"/>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_inbox_page.py" line="63"/>
        <source>Received</source>
        <translation>收到时间</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_inbox_page.py" line="63"/>
        <source>County</source>
        <translation>县区</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_inbox_page.py" line="64"/>
        <source>Period</source>
        <translation>报送期</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_inbox_page.py" line="64"/>
        <source>Submission</source>
        <translation>报送次数</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_inbox_page.py" line="64"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_inbox_page.py" line="65"/>
        <source>Details</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_inbox_page.py" line="77"/>
        <source>Select a package to see why it was accepted or refused.</source>
        <translation>选中一个报送包，查看接收或拒收的原因。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_inbox_page.py" line="95"/>
        <source>No. {n}</source>
        <translation>第 {n} 次</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_inbox_page.py" line="104"/>
        <source>{total} packages: {accepted} accepted, {superseded} superseded, {returned} returned, {rejected} refused</source>
        <translation>共 {total} 个报送包：已接收 {accepted}，已被替代 {superseded}，已退回 {returned}，已拒收 {rejected}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_inbox_page.py" line="120"/>
        <source>Differs from the city&apos;s plan: {line}</source>
        <translation>与市级计划不一致：{line}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_inbox_page.py" line="128"/>
        <source>Choose the counties&apos; packages</source>
        <translation>选择县区的报送包</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_inbox_page.py" line="129"/>
        <source>Submission packages (*.zip)</source>
        <translation>报送包 (*.zip)</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_inbox_page.py" line="134"/>
        <source>Choose the folder holding the packages</source>
        <translation>选择存放报送包的文件夹</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_inbox_page.py" line="151"/>
        <source>Checking packages…</source>
        <translation>正在核验报送包…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_inbox_page.py" line="169"/>
        <source>Received {total}: {accepted} accepted, {superseded} superseded, {rejected} refused, {duplicate} already received</source>
        <translation>收到 {total} 个：接收 {accepted}，被替代 {superseded}，拒收 {rejected}，此前已收到 {duplicate}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_inbox_page.py" line="175"/>
        <source>{count} packages were refused:
{list}</source>
        <translation>{count} 个报送包被拒收：
{list}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_inbox_page.py" line="191"/>
        <location filename="../../hpdesk/ui/views/city_inbox_page.py" line="199"/>
        <location filename="../../hpdesk/ui/views/city_inbox_page.py" line="207"/>
        <source>Return to the county</source>
        <translation>退回县区</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_inbox_page.py" line="192"/>
        <source>Why is {county}&apos;s submission for {period} returned? The county sees this reason.</source>
        <translation>为什么退回{county}{period}的报送？县区会看到这个理由。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_inbox_page.py" line="196"/>
        <source>Where to save the receipt for the county</source>
        <translation>给县区的回执保存到</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_inbox_page.py" line="200"/>
        <source>The city&apos;s signing passphrase (signs the receipt):</source>
        <translation>市级签名口令（用于签署回执）：</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/city_inbox_page.py" line="208"/>
        <source>Returned. Give the county this signed receipt:
{path}</source>
        <translation>已退回。请把这份签名回执交给县区：
{path}</translation>
    </message>
</context>
<context>
    <name>ClerksDialog</name>
    <message>
        <location filename="../../hpdesk/ui/dialogs/clerks_dialog.py" line="37"/>
        <location filename="../../hpdesk/ui/dialogs/clerks_dialog.py" line="172"/>
        <source>Clerks</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/clerks_dialog.py" line="40"/>
        <source>Reviewers approve and return reports, lock periods, export and manage clerks; fillers edit the reports of their own units only. Everyone&apos;s changes are kept in the audit trail under their login.</source>
        <translation>审核人员审核通过或退回报告、锁定报送周期、生成报送包并管理经办人；填报人员只能修改本人负责单位的报告。每个人的修改都以其登录名记入审计记录。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/clerks_dialog.py" line="47"/>
        <location filename="../../hpdesk/ui/dialogs/clerks_dialog.py" line="73"/>
        <source>Login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/clerks_dialog.py" line="47"/>
        <location filename="../../hpdesk/ui/dialogs/clerks_dialog.py" line="76"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/clerks_dialog.py" line="47"/>
        <location filename="../../hpdesk/ui/dialogs/clerks_dialog.py" line="81"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/clerks_dialog.py" line="47"/>
        <source>Units</source>
        <translation>负责单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/clerks_dialog.py" line="55"/>
        <source>Remove the selected clerk…</source>
        <translation>注销所选经办人…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/clerks_dialog.py" line="68"/>
        <source>Add a clerk</source>
        <translation>登记经办人</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/clerks_dialog.py" line="72"/>
        <source>the name they log in to their PC with, e.g. wangfang</source>
        <translation>其登录电脑所用的用户名，例如 wangfang</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/clerks_dialog.py" line="75"/>
        <source>e.g. 王芳 (optional)</source>
        <translation>例如 王芳（可不填）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/clerks_dialog.py" line="82"/>
        <source>Add</source>
        <translation>登记</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/clerks_dialog.py" line="92"/>
        <source>Units they fill in for (fillers)</source>
        <translation>负责填报的单位（填报人员）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/clerks_dialog.py" line="119"/>
        <source>all units</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/clerks_dialog.py" line="145"/>
        <source>Enter the clerk&apos;s login.</source>
        <translation>请输入经办人的登录名。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/clerks_dialog.py" line="149"/>
        <source>Tick the units this filler fills in reports for.</source>
        <translation>请勾选该填报人员负责填报的单位。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/clerks_dialog.py" line="165"/>
        <source>Remove the clerk</source>
        <translation>注销经办人</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/clerks_dialog.py" line="166"/>
        <source>Remove {login}? They can no longer change this workspace; their past changes stay in the audit trail.</source>
        <translation>注销 {login}？注销后其不能再修改本工作区，以往的修改仍保留在审计记录中。</translation>
    </message>
</context>
<context>
    <name>CountiesPage</name>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/counties_page.py" line="29"/>
        <source>Each county&apos;s packages are checked against that county&apos;s certificates only. Ask the county for its certificate file (Settings → Signing identity → Export the certificate…, or hpdesk identity export-cert) and compare the fingerprint by phone before trusting it.</source>
        <translation>每个县区的报送包只用该县区登记的证书核验。请县区提供证书文件（设置 → 签章证书 → 导出证书…，或命令 hpdesk identity export-cert），登记前电话核对指纹。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/counties_page.py" line="35"/>
        <source>County / certificate</source>
        <translation>县区 / 证书</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/counties_page.py" line="35"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/counties_page.py" line="35"/>
        <source>Trusted from</source>
        <translation>信任起始</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/counties_page.py" line="36"/>
        <source>Trusted until</source>
        <translation>信任截止</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/counties_page.py" line="36"/>
        <source>Contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/counties_page.py" line="41"/>
        <source>Add a county…</source>
        <translation>登记县区…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/counties_page.py" line="42"/>
        <source>Trust a certificate…</source>
        <translation>登记证书…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/counties_page.py" line="43"/>
        <source>Stop trusting…</source>
        <translation>停止信任…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/counties_page.py" line="62"/>
        <source> (revoked)</source>
        <translation>（已停用）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/counties_page.py" line="63"/>
        <source>Certificate {fingerprint}</source>
        <translation>证书 {fingerprint}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/counties_page.py" line="65"/>
        <source>open-ended</source>
        <translation>长期</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/counties_page.py" line="77"/>
        <location filename="../../hpdesk/ui/dialogs/settings/counties_page.py" line="81"/>
        <source>Add a county</source>
        <translation>登记县区</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/counties_page.py" line="78"/>
        <source>The office name exactly as its packages carry it (the county&apos;s full office name):</source>
        <translation>与其报送包一致的机构全称：</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/counties_page.py" line="81"/>
        <source>Its region (the county or district):</source>
        <translation>所在县区：</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/counties_page.py" line="88"/>
        <source>Trust a certificate</source>
        <translation>登记证书</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/counties_page.py" line="88"/>
        <source>Select the county first.</source>
        <translation>请先选择县区。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/counties_page.py" line="90"/>
        <source>Choose the county&apos;s certificate</source>
        <translation>选择县区的证书</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/counties_page.py" line="91"/>
        <source>Certificates (*.pem *.crt *.cer *.der)</source>
        <translation>证书 (*.pem *.crt *.cer *.der)</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/counties_page.py" line="99"/>
        <location filename="../../hpdesk/ui/dialogs/settings/counties_page.py" line="101"/>
        <source>Stop trusting</source>
        <translation>停止信任</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/counties_page.py" line="99"/>
        <source>Select a certificate first.</source>
        <translation>请先选择证书。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/counties_page.py" line="101"/>
        <source>How?</source>
        <translation>停止信任的方式：</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/counties_page.py" line="102"/>
        <source>For packages made from today (the county changed its key)</source>
        <translation>今天起生成的报送包不再信任（县区更换了密钥）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/counties_page.py" line="103"/>
        <source>For every package (the key was lost or leaked)</source>
        <translation>所有报送包一律不信任（密钥丢失或泄露）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/counties_page.py" line="115"/>
        <source>Counties</source>
        <translation>县区与证书</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../hpdesk/ui/views/dashboard_page.py" line="50"/>
        <location filename="../../hpdesk/ui/views/dashboard_page.py" line="147"/>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/dashboard_page.py" line="59"/>
        <source>Assignments to confirm</source>
        <translation>待确认分派</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/dashboard_page.py" line="60"/>
        <source>Reports expected</source>
        <translation>应报报告</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/dashboard_page.py" line="60"/>
        <source>Handed in</source>
        <translation>已报送</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/dashboard_page.py" line="61"/>
        <source>Approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/dashboard_page.py" line="61"/>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/dashboard_page.py" line="62"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/dashboard_page.py" line="62"/>
        <source>Indicators met</source>
        <translation>指标达标</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/dashboard_page.py" line="81"/>
        <source>Overdue reports</source>
        <translation>逾期未报</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/dashboard_page.py" line="148"/>
        <source>No reporting period yet: create one in Settings → Calendar.</source>
        <translation>还没有报送期：请在“设置 → 报送日历”中创建。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/dashboard_page.py" line="161"/>
        <source>Overview — {period}</source>
        <translation>概览 — {period}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/dashboard_page.py" line="163"/>
        <source>due {date} (in {days} days)</source>
        <translation>{date} 截止（还有 {days} 天）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/dashboard_page.py" line="164"/>
        <source>was due {date}</source>
        <translation>已于 {date} 截止</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/dashboard_page.py" line="165"/>
        <source>Reports {due} · as of {today}</source>
        <translation>本期报告 {due} · 统计至 {today}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/dashboard_page.py" line="177"/>
        <source>No confirmed assignments in this period yet.</source>
        <translation>本期还没有已确认的分派。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/dashboard_page.py" line="180"/>
        <source>Completeness per action</source>
        <translation>各专项行动报送进度</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/dashboard_page.py" line="184"/>
        <source>Units with the most outstanding reports</source>
        <translation>待报最多的责任单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/dashboard_page.py" line="196"/>
        <source>{count} county tasks have only suggested units</source>
        <translation>{count}项县区任务仅有建议分派</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/dashboard_page.py" line="198"/>
        <source>{count} county tasks have no unit yet</source>
        <translation>{count}项县区任务尚未分派</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/dashboard_page.py" line="199"/>
        <source>{gaps}: they are not counted in the reports expected until their units are confirmed (Tasks → Assign).</source>
        <translation>{gaps}：分派确认前不计入“应报”（任务 → 分派）。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/dashboard_page.py" line="207"/>
        <source>Waiting for review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/dashboard_page.py" line="209"/>
        <source>Not handed in</source>
        <translation>未报送</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/dashboard_page.py" line="219"/>
        <source>Double-click a row (or press Enter) to open the task.</source>
        <translation>双击一行（或按 Enter）可打开该任务。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/dashboard_page.py" line="221"/>
        <source>Nothing is overdue: the period is due on {date}.</source>
        <translation>暂无逾期：本期截止日期为 {date}。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/dashboard_page.py" line="224"/>
        <source>Nothing is overdue.</source>
        <translation>暂无逾期。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/dashboard_page.py" line="231"/>
        <source>Indicators against their targets, {year}</source>
        <translation>{year}年指标达标情况</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/dashboard_page.py" line="232"/>
        <source>No indicators imported yet.</source>
        <translation>还没有导入指标。</translation>
    </message>
</context>
<context>
    <name>EmptyStatePage</name>
    <message>
        <location filename="../../hpdesk/ui/views/empty_state_page.py" line="23"/>
        <source>Welcome to hpdesk</source>
        <translation>欢迎使用 hpdesk 健康城市行动工作台</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/empty_state_page.py" line="30"/>
        <source>&lt;b&gt;First step: import the city&apos;s table.&lt;/b&gt; Choose the task breakdown table (任务分解表) or the indicator table the city sent you, as an Excel file. hpdesk finds the header, the actions, the tasks that fall to your county and their departments, and shows you everything before it imports.</source>
        <translation>&lt;b&gt;第一步：导入市里下发的表格。&lt;/b&gt;请选择市里发来的任务分解表或指标表（Excel 文件）。hpdesk 会自动识别表头、专项行动、需要本县区承担的任务及责任部门，并在导入前把识别结果全部展示给您核对。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/empty_state_page.py" line="36"/>
        <source>Import the city&apos;s table…</source>
        <translation>导入市里的表格…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/empty_state_page.py" line="46"/>
        <source>Then: hpdesk suggests which county units carry each task (from the departments the city named), and you collect each unit&apos;s report and evidence for every reporting period, review them, record the indicator values and export the submission for the city.</source>
        <translation>接下来：hpdesk 会根据市里列出的部门，建议由本县区哪些单位承担各项任务；您按报送期收集各单位的进展报告和佐证材料并审核，录入指标数值，最后生成报送市里的材料。</translation>
    </message>
</context>
<context>
    <name>EvidenceBatchDialog</name>
    <message>
        <location filename="../../hpdesk/ui/dialogs/evidence_batch_dialog.py" line="29"/>
        <source>Evidence details</source>
        <translation>佐证材料信息</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/evidence_batch_dialog.py" line="33"/>
        <source>{count} files: each becomes its own piece of evidence. Check the kind, title and date of each; you can change them later too.</source>
        <translation>共{count}个文件：每个文件各作为一项佐证材料。请逐一核对类型、标题和日期；保存后也可以再修改。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/evidence_batch_dialog.py" line="39"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/evidence_batch_dialog.py" line="39"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/evidence_batch_dialog.py" line="39"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/evidence_batch_dialog.py" line="40"/>
        <source>Date of the event</source>
        <translation>活动日期</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/evidence_batch_dialog.py" line="40"/>
        <source>Dated</source>
        <translation>有日期</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/evidence_batch_dialog.py" line="70"/>
        <source>Keep all files together as one piece of evidence (the first row&apos;s kind, title and date)</source>
        <translation>全部文件合为一项佐证材料（使用第一行的类型、标题和日期）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/evidence_batch_dialog.py" line="94"/>
        <source>A title is needed for {files}</source>
        <translation>请为以下文件填写标题：{files}</translation>
    </message>
</context>
<context>
    <name>EvidenceDetailsDialog</name>
    <message>
        <location filename="../../hpdesk/ui/dialogs/evidence_details_dialog.py" line="30"/>
        <source>Evidence details</source>
        <translation>佐证材料信息</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/evidence_details_dialog.py" line="34"/>
        <source>{count} file(s): {names}</source>
        <translation>{count} 个文件：{names}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/evidence_details_dialog.py" line="43"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/evidence_details_dialog.py" line="45"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/evidence_details_dialog.py" line="46"/>
        <source>Date of the event</source>
        <translation>活动日期</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/evidence_details_dialog.py" line="58"/>
        <source>as printed on the document, e.g. ×卫发〔2025〕12号</source>
        <translation>按文件上所印填写，如 ×卫发〔2025〕12号</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/evidence_details_dialog.py" line="59"/>
        <source>Document number</source>
        <translation>文号</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/evidence_details_dialog.py" line="62"/>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/evidence_details_dialog.py" line="80"/>
        <source>A title is needed</source>
        <translation>请填写标题</translation>
    </message>
</context>
<context>
    <name>EvidenceListView</name>
    <message>
        <location filename="../../hpdesk/ui/widgets/evidence_list_view.py" line="75"/>
        <source>Date: {date}</source>
        <translation>日期：{date}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/widgets/evidence_list_view.py" line="77"/>
        <source>Document number: {number}</source>
        <translation>文号：{number}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/widgets/evidence_list_view.py" line="82"/>
        <source>Photo taken on {date}</source>
        <translation>拍摄日期：{date}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/widgets/evidence_list_view.py" line="85"/>
        <source>No file attached</source>
        <translation>未附文件</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="40"/>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="93"/>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="275"/>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="300"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="44"/>
        <source>Submission for the city (Excel, signed PDF, evidence)</source>
        <translation>报送市里的材料（Excel、签章 PDF、佐证材料）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="45"/>
        <source>Backup of the whole workspace (one .zip file)</source>
        <translation>备份整个工作区（一个 .zip 文件）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="56"/>
        <source>Period</source>
        <translation>报送期</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="63"/>
        <source>Document number</source>
        <translation>文号</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="65"/>
        <source>the signing identity&apos;s passphrase</source>
        <translation>签章证书的口令</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="66"/>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="81"/>
        <source>Save in</source>
        <translation>保存到</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="84"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="95"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="98"/>
        <source>Preview and print…</source>
        <translation>预览并打印…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="100"/>
        <source>The packet as it will be signed, before entering the passphrase</source>
        <translation>签章前先看看将要报送的材料（无需口令）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="121"/>
        <source>Exporting locks {period}: later changes need a reason and are marked as made after the submission.</source>
        <translation>导出后{period}将锁定：之后的修改须说明原因，并标注为报送后修改。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="124"/>
        <source>This period is locked; the export shows its data as it stands.</source>
        <translation>本期已锁定，导出的是锁定时的数据。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="138"/>
        <source>Import the city&apos;s receipt…</source>
        <translation>导入市里的回执…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="139"/>
        <source>The signed receipt file the city sent back (received, accepted or returned with a reason)</source>
        <translation>市里发回的签名回执文件（已收到、已接收，或已退回并附理由）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="155"/>
        <source>No receipt from the city for this period yet.</source>
        <translation>本期尚未收到市里的回执。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="158"/>
        <source>The city returned submission no. {sequence} on {date}. Reason: {reason}</source>
        <translation>市里于 {date} 退回了第 {sequence} 次报送。理由：{reason}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="160"/>
        <source>You have exported no. {latest} since.</source>
        <translation>此后已重新导出第 {latest} 次报送。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="162"/>
        <source>Correct what the city asks, then export the period again.</source>
        <translation>请按市里的要求修改后，重新导出本期报送。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="164"/>
        <source>The city accepted submission no. {sequence} on {date}.</source>
        <translation>市里已于 {date} 接收第 {sequence} 次报送。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="167"/>
        <source>The city received submission no. {sequence} on {date}.</source>
        <translation>市里已于 {date} 收到第 {sequence} 次报送。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="178"/>
        <source>The city&apos;s receipt</source>
        <translation>市里的回执</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="178"/>
        <source>Receipts (*.zip)</source>
        <translation>回执 (*.zip)</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="184"/>
        <source>The city&apos;s certificate (first receipt only)</source>
        <translation>市里的签名证书（仅第一次导入回执时需要）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="184"/>
        <source>Certificates (*.pem *.crt *.cer)</source>
        <translation>证书 (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="197"/>
        <source>received</source>
        <translation>已收到</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="197"/>
        <source>accepted</source>
        <translation>已接收</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="198"/>
        <source>returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="200"/>
        <source>This receipt was imported before ({period}, {state}).</source>
        <translation>此回执此前已导入（{period}，{state}）。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="201"/>
        <source>Imported the city&apos;s receipt: {period}, {state}.</source>
        <translation>已导入市里的回执：{period}，{state}。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="206"/>
        <source>Preparing the preview…</source>
        <translation>正在生成预览…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="223"/>
        <source>Where to save the export</source>
        <translation>选择导出位置</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="285"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="297"/>
        <source>Written in {folder}:
{files}</source>
        <translation>已写入 {folder}：
{files}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="301"/>
        <source>Written: {files}.
Open the folder now?</source>
        <translation>已生成：{files}。
现在打开所在文件夹吗？</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="245"/>
        <source>The submission is signed: enter the identity&apos;s passphrase.</source>
        <translation>报送材料需要签章：请输入签章证书的口令。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="61"/>
        <source>e.g. 12, giving {prefix}〔{year}〕12号 (optional)</source>
        <translation>如填 12，即 {prefix}〔{year}〕12号（可不填）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="62"/>
        <source>the letter&apos;s document number (optional)</source>
        <translation>报送函的文号（可不填）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="216"/>
        <source>Preview — {period}</source>
        <translation>预览 — {period}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="259"/>
        <source>{count} county tasks have no unit yet (not counted in the reports expected)</source>
        <translation>{count}项县区任务尚未分派（未计入应报）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="262"/>
        <source>{count} county tasks have only suggested units (not counted in the reports expected)</source>
        <translation>{count}项县区任务仅有建议分派、未确认（未计入应报）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="265"/>
        <source>{count} of {expected} expected reports are not approved (left out of the packet)</source>
        <translation>应报{expected}项中有{count}项未审核通过（不纳入报送材料）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="268"/>
        <source>{count} of {total} indicators have no value for {year} (shown as not reported)</source>
        <translation>{total}项指标中有{count}项没有{year}年数值（注明“未填报”）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="276"/>
        <source>{period} is not complete yet:
{missing}

The cover letter states these numbers as they are. Sign and export anyway?</source>
        <translation>{period}尚未齐全：
{missing}

报送函将按现有数字如实表述。仍要签名并导出吗？</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/export_dialog.py" line="279"/>
        <source>Not exported.</source>
        <translation>未导出。</translation>
    </message>
</context>
<context>
    <name>FiguresTableModel</name>
    <message>
        <location filename="../../hpdesk/ui/models/figures_model.py" line="15"/>
        <source>Figure</source>
        <translation>数据项</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/figures_model.py" line="16"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/figures_model.py" line="17"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
</context>
<context>
    <name>FinishWizardPage</name>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="277"/>
        <source>Ready</source>
        <translation>准备就绪</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="278"/>
        <source>Press Finish and hpdesk does the following.</source>
        <translation>点击“完成”后，hpdesk 将依次完成以下工作。</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="329"/>
        <source>Leave the set-up</source>
        <translation>退出设置</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="329"/>
        <source>Nothing has been set up yet: what you entered is not kept and hpdesk closes. Leave the set-up?</source>
        <translation>还没有完成设置：刚才填写的内容不会保存，hpdesk 将关闭。确定退出吗？</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="306"/>
        <source>Welcome to hpdesk</source>
        <translation>欢迎使用 hpdesk 健康城市行动工作台</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="333"/>
        <source>Record the office: {office} ({region}).</source>
        <translation>登记本单位：{office}（{region}）。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="336"/>
        <source>Create the office&apos;s signing identity.</source>
        <translation>为本单位创建签章证书。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="338"/>
        <source>Import the signing identity from {file}.</source>
        <translation>从 {file} 导入签章证书。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="340"/>
        <source>Import {file}, create the county&apos;s units from the departments it names, and suggest which unit carries each task.</source>
        <translation>导入 {file}，按其中的部门生成本县区责任单位，并建议各项任务由哪个单位承担。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="344"/>
        <source>Open the task list.</source>
        <translation>打开任务列表。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="353"/>
        <source>Create the reporting periods from the current one on: {periods} (due {due}).</source>
        <translation>从当前报送期起创建报送期：{periods}（{due} 截止）。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="356"/>
        <source>{periods} was due on {due}, before today, so it is not created (add it in Settings → Calendar if you still report on it).</source>
        <translation>{periods}已于 {due} 截止，早于今天，因此不创建（如仍需报送，可在“设置 → 报送日历”中添加）。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="367"/>
        <source>Setting up hpdesk…</source>
        <translation>正在设置 hpdesk…</translation>
    </message>
</context>
<context>
    <name>FormsImportDialog</name>
    <message>
        <location filename="../../hpdesk/ui/dialogs/forms_import_dialog.py" line="171"/>
        <source>(empty)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/forms_import_dialog.py" line="39"/>
        <source>New report</source>
        <translation>新报告</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/forms_import_dialog.py" line="40"/>
        <source>Changes</source>
        <translation>有修改</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/forms_import_dialog.py" line="41"/>
        <source>No change</source>
        <translation>无变化</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/forms_import_dialog.py" line="42"/>
        <source>Not filled in</source>
        <translation>未填写</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/forms_import_dialog.py" line="43"/>
        <source>Cannot be imported</source>
        <translation>不能导入</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/forms_import_dialog.py" line="56"/>
        <source>Import units&apos; fill-in forms</source>
        <translation>导入各单位填报表</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/forms_import_dialog.py" line="61"/>
        <source>Drag the workbooks the units sent back here — files, folders or zips — with their evidence files beside them.</source>
        <translation>把各单位交回的填报表拖到这里（文件、文件夹或压缩包均可），佐证材料放在表格旁边。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/forms_import_dialog.py" line="65"/>
        <source>Add a file…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/forms_import_dialog.py" line="66"/>
        <source>Add a folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/forms_import_dialog.py" line="77"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/forms_import_dialog.py" line="77"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/forms_import_dialog.py" line="77"/>
        <source>What happens</source>
        <translation>处理</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/forms_import_dialog.py" line="77"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/forms_import_dialog.py" line="84"/>
        <source>Check every row that can be imported</source>
        <translation>勾选所有可导入的行</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/forms_import_dialog.py" line="87"/>
        <source>Import the checked rows</source>
        <translation>导入勾选的行</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/forms_import_dialog.py" line="115"/>
        <source>The folder the units&apos; workbooks are in</source>
        <translation>各单位填报表所在的文件夹</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/forms_import_dialog.py" line="128"/>
        <source>Reading the returned forms…</source>
        <translation>正在读取交回的填报表…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/forms_import_dialog.py" line="153"/>
        <source>{unit} · {period} · form {code}</source>
        <translation>{unit} · {period} · 表单 {code}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/forms_import_dialog.py" line="160"/>
        <source>This file was imported before; nothing changes.</source>
        <translation>此文件已导入过，不会有任何改动。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/forms_import_dialog.py" line="162"/>
        <source>Replaces the earlier file {file}</source>
        <translation>取代之前的文件 {file}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/forms_import_dialog.py" line="164"/>
        <source>Note</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/forms_import_dialog.py" line="170"/>
        <source>{files} files: {new} new reports, {changed} with changes, {unchanged} unchanged, {unfilled} not filled in, {blocked} cannot be imported. Imported reports are handed in for review (已提交).</source>
        <translation>共 {files} 个文件：新报告 {new} 份，有修改 {changed} 份，无变化 {unchanged} 份，未填写 {unfilled} 份，不能导入 {blocked} 份。导入的报告进入“已提交”，等待审核。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/forms_import_dialog.py" line="178"/>
        <source>Row {row}</source>
        <translation>第 {row} 行</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/forms_import_dialog.py" line="195"/>
        <source>was → now</source>
        <translation>原 → 新</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/forms_import_dialog.py" line="198"/>
        <source>Locked text changed</source>
        <translation>锁定内容被改动</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/forms_import_dialog.py" line="202"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/forms_import_dialog.py" line="204"/>
        <source>Evidence to add</source>
        <translation>将添加的佐证材料</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/forms_import_dialog.py" line="206"/>
        <source>Evidence not found</source>
        <translation>找不到佐证材料</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/forms_import_dialog.py" line="207"/>
        <source>Not beside the workbook; it can be added later by hand.</source>
        <translation>不在表格旁边；可以稍后手工添加。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/forms_import_dialog.py" line="242"/>
        <source>Importing the forms…</source>
        <translation>正在导入填报表…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/forms_import_dialog.py" line="255"/>
        <source>{new} new and {changed} changed reports were handed in for review; {evidence} evidence files added.</source>
        <translation>新增 {new} 份、更新 {changed} 份报告，已提交待审核；添加佐证文件 {evidence} 个。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/forms_import_dialog.py" line="258"/>
        <source>Evidence not found: {files}</source>
        <translation>找不到的佐证材料：{files}</translation>
    </message>
</context>
<context>
    <name>IdentityPage</name>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="36"/>
        <source>Create a new identity…</source>
        <translation>新建签章证书…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="38"/>
        <source>Import a .p12/.pfx file…</source>
        <translation>导入 .p12/.pfx 文件…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="40"/>
        <source>Change the passphrase…</source>
        <translation>修改口令…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="42"/>
        <source>Export the certificate…</source>
        <translation>导出证书…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="43"/>
        <source>The certificate (no key) for the city office to register</source>
        <translation>导出证书（不含私钥），交市里登记</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="45"/>
        <source>Seal image…</source>
        <translation>印章图片…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="46"/>
        <source>A scan of the office&apos;s seal, drawn under the signature in the PDF</source>
        <translation>本单位公章的扫描图片，显示在 PDF 电子签章下面</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="48"/>
        <source>Remove the seal image</source>
        <translation>移除印章图片</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="65"/>
        <source>Seal image: set — it appears under the signature in the PDF.</source>
        <translation>印章图片：已设置，PDF 电子签章处会显示印章。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="67"/>
        <source>Seal image: none — the signature shows its text only.</source>
        <translation>印章图片：未设置，电子签章只显示文字。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="87"/>
        <source>&lt;p&gt;&lt;b&gt;No signing identity yet.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;The submission for the city is signed with the office&apos;s own key. Create one here (it is kept in the workspace, protected by a passphrase), or import the certificate file your office already has.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;尚未设置签章证书。&lt;/b&gt;&lt;/p&gt;&lt;p&gt;报送市里的材料用本单位自己的密钥签章。可以在这里新建（保存在工作区中，由口令保护），也可以导入本单位已有的证书文件。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="92"/>
        <source>Office</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="93"/>
        <source>Fingerprint (short)</source>
        <translation>指纹（简）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="94"/>
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="95"/>
        <source>Valid</source>
        <translation>有效期</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="96"/>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="100"/>
        <source>Give the city office the exported certificate, and read them the short fingerprint on the phone so they can check it.</source>
        <translation>请把导出的证书交给市里，并在电话中念出简短指纹，供对方核对。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="79"/>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="105"/>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="110"/>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="113"/>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="116"/>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="145"/>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="152"/>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="106"/>
        <source>A passphrase of at least {minimum} characters protects the key:</source>
        <translation>设置口令（至少 {minimum} 个字符）保护密钥：</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="110"/>
        <source>The passphrase needs at least {minimum} characters.</source>
        <translation>口令至少需要 {minimum} 个字符。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="113"/>
        <source>The same passphrase again:</source>
        <translation>再次输入口令：</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="116"/>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="121"/>
        <source>Replace the identity</source>
        <translation>更换签章证书</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="122"/>
        <source>This office already has an identity. After replacing it the city must register the new certificate. Replace it?</source>
        <translation>本单位已有签章证书。更换后，市里需要重新登记新证书。确定更换吗？</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="145"/>
        <source>The file&apos;s passphrase:</source>
        <translation>证书文件的口令：</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="152"/>
        <source>The current passphrase:</source>
        <translation>当前口令：</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="79"/>
        <source>The passphrase was changed.</source>
        <translation>口令已修改。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="162"/>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="168"/>
        <source>Export the certificate</source>
        <translation>导出证书</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="164"/>
        <source>Certificates (*.pem *.cer *.crt)</source>
        <translation>证书 (*.pem *.cer *.crt)</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="169"/>
        <source>Written: {path}</source>
        <translation>已生成：{path}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/identity_page.py" line="173"/>
        <source>Signing identity</source>
        <translation>签章证书</translation>
    </message>
</context>
<context>
    <name>IdentityWizardPage</name>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="110"/>
        <source>Step 2 of 3: signing identity</source>
        <translation>第 2 步（共 3 步）：签章证书</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="111"/>
        <source>The submission for the city is signed with your office&apos;s own key, kept in the workspace and protected by a passphrase.</source>
        <translation>报送市里的材料用本单位自己的密钥签章。密钥保存在工作区中，由口令保护。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="115"/>
        <source>Create a new identity for this office (recommended)</source>
        <translation>为本单位新建签章证书（推荐）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="116"/>
        <source>Import the certificate file the office already has (.p12/.pfx)</source>
        <translation>导入本单位已有的证书文件（.p12/.pfx）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="117"/>
        <source>Later, in Settings</source>
        <translation>以后再说（可在“设置”中完成）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="125"/>
        <source>No file chosen</source>
        <translation>尚未选择文件</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="127"/>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="136"/>
        <source>at least {minimum} characters</source>
        <translation>至少 {minimum} 个字符</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="139"/>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="140"/>
        <source>Repeat it</source>
        <translation>再输一次</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="145"/>
        <source>Write the passphrase down and keep it safe: without it nothing can be signed, and nobody can recover it.</source>
        <translation>请记下口令并妥善保管：没有口令就无法签章，也没有人能找回。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="178"/>
        <source>Choose the certificate file.</source>
        <translation>请选择证书文件。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="179"/>
        <source>Enter the file&apos;s passphrase.</source>
        <translation>请输入证书文件的口令。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="181"/>
        <source>The passphrase needs at least {minimum} characters.</source>
        <translation>口令至少需要 {minimum} 个字符。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="183"/>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../hpdesk/ui/dialogs/import_dialog.py" line="55"/>
        <source>Import {file}</source>
        <translation>导入 {file}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/import_dialog.py" line="59"/>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/import_dialog.py" line="64"/>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/import_dialog.py" line="67"/>
        <source>Adjust the columns…</source>
        <translation>调整各列对应…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/import_dialog.py" line="69"/>
        <source>Only needed when hpdesk read a column as the wrong field</source>
        <translation>仅当 hpdesk 把某列识别错了时才需要调整</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/import_dialog.py" line="75"/>
        <source>Columns</source>
        <translation>各列内容</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/import_dialog.py" line="84"/>
        <source>Use this column mapping</source>
        <translation>按此对应关系重新识别</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/import_dialog.py" line="85"/>
        <source>Read the sheet again with the fields chosen above; hpdesk remembers them for tables of the same layout</source>
        <translation>按上面选择的字段重新读取工作表；同样格式的表格以后会自动套用</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/import_dialog.py" line="104"/>
        <source>Rows to check</source>
        <translation>需核对的行</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/import_dialog.py" line="105"/>
        <source>Changes</source>
        <translation>变化</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/import_dialog.py" line="106"/>
        <source>Notes</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/import_dialog.py" line="112"/>
        <location filename="../../hpdesk/ui/dialogs/import_dialog.py" line="259"/>
        <location filename="../../hpdesk/ui/models/import_preview_model.py" line="93"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/import_dialog.py" line="127"/>
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/import_dialog.py" line="140"/>
        <source>Task table of “{plan}”: {actions} actions, {tasks} tasks ({county} for the county).</source>
        <translation>“{plan}”任务分解表：{actions} 个专项行动，{tasks} 项任务（其中本县区承担 {county} 项）。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/import_dialog.py" line="142"/>
        <source>Indicator table of “{plan}”: {actions} actions, {indicators} indicators.</source>
        <translation>“{plan}”指标表：{actions} 个专项行动，{indicators} 项指标。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/import_dialog.py" line="143"/>
        <source>Against what is imported: {new} new, {changed} changed, {unchanged} unchanged, {withdrawn} withdrawn.</source>
        <translation>与已导入的内容相比：新增 {new}，修改 {changed}，未变 {unchanged}，撤销 {withdrawn}。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/import_dialog.py" line="146"/>
        <source>{issues} rows need checking (highlighted).</source>
        <translation>有 {issues} 行需要核对（已用黄色标出）。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/import_dialog.py" line="147"/>
        <source>No row needs checking.</source>
        <translation>没有需要核对的行。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/import_dialog.py" line="165"/>
        <location filename="../../hpdesk/ui/dialogs/import_dialog.py" line="168"/>
        <source>Row {row}: {detail}</source>
        <translation>第{row}行：{detail}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/import_dialog.py" line="43"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/import_dialog.py" line="176"/>
        <source>row {row}</source>
        <translation>第 {row} 行</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/import_dialog.py" line="178"/>
        <source>Rows to check ({count})</source>
        <translation>需核对的行（{count}）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/import_dialog.py" line="179"/>
        <source>Changes ({count})</source>
        <translation>变化（{count}）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/import_dialog.py" line="180"/>
        <source>Notes ({count})</source>
        <translation>提示（{count}）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/import_dialog.py" line="209"/>
        <source>The year of this column&apos;s values: {header}</source>
        <translation>该列数值所属年份：{header}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/import_dialog.py" line="223"/>
        <source>Plan&apos;s end year ({year})</source>
        <translation>规划期末年（{year}年）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/import_dialog.py" line="224"/>
        <source>Year as in the header</source>
        <translation>按表头所写年份</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/import_dialog.py" line="225"/>
        <source>Any year (不限年份)</source>
        <translation>不限年份</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/import_dialog.py" line="227"/>
        <source>{year}</source>
        <translation>{year}年</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/import_dialog.py" line="247"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/import_dialog.py" line="270"/>
        <source>hpdesk did not recognise the header. Choose what each column holds, then press “Use this column mapping”.</source>
        <translation>hpdesk 没有识别出表头。请为每一列选择对应的内容，然后点击“按此对应关系重新识别”。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/import_preview_model.py" line="16"/>
        <source>(ignore)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/import_preview_model.py" line="17"/>
        <source>Serial</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/import_preview_model.py" line="18"/>
        <source>Action</source>
        <translation>专项行动/领域</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/import_preview_model.py" line="19"/>
        <source>Basic content</source>
        <translation>基本内容</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/import_preview_model.py" line="20"/>
        <source>Task</source>
        <translation>具体任务</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/import_preview_model.py" line="21"/>
        <source>Measures</source>
        <translation>推进措施</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/import_preview_model.py" line="22"/>
        <source>Work plan</source>
        <translation>工作计划</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/import_preview_model.py" line="23"/>
        <source>Reporting instruction</source>
        <translation>工作推进（报送要求）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/import_preview_model.py" line="24"/>
        <source>Lead</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/import_preview_model.py" line="25"/>
        <source>Responsible</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/import_preview_model.py" line="26"/>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/import_preview_model.py" line="27"/>
        <source>Unit</source>
        <translation>计量单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/import_preview_model.py" line="28"/>
        <source>Baseline</source>
        <translation>基期水平</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/import_preview_model.py" line="29"/>
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/import_preview_model.py" line="30"/>
        <source>Nature</source>
        <translation>指标性质</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/import_preview_model.py" line="31"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/import_preview_model.py" line="34"/>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/import_preview_model.py" line="35"/>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/import_preview_model.py" line="36"/>
        <source>unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/import_preview_model.py" line="37"/>
        <source>withdrawn</source>
        <translation>撤销</translation>
    </message>
</context>
<context>
    <name>IndicatorGridModel</name>
    <message>
        <location filename="../../hpdesk/ui/models/indicator_grid_model.py" line="23"/>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/indicator_grid_model.py" line="24"/>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/indicator_grid_model.py" line="25"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/indicator_grid_model.py" line="26"/>
        <source>Baseline</source>
        <translation>基期水平</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/indicator_grid_model.py" line="27"/>
        <source>Targets</source>
        <translation>目标值</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/indicator_grid_model.py" line="114"/>
        <source>Values for {year}; double-click a cell to enter one</source>
        <translation>{year}年数值；双击单元格可录入</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/indicator_grid_model.py" line="138"/>
        <source>Targets: {targets}</source>
        <translation>目标：{targets}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/indicator_grid_model.py" line="159"/>
        <source>target {target}</source>
        <translation>目标 {target}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/indicator_grid_model.py" line="181"/>
        <source>Value: {value}</source>
        <translation>数值：{value}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/indicator_grid_model.py" line="183"/>
        <source>No value yet</source>
        <translation>尚未录入数值</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/indicator_grid_model.py" line="185"/>
        <source>Target, {year}: {target}</source>
        <translation>目标（{year}）：{target}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/indicator_grid_model.py" line="212"/>
        <source>any year</source>
        <translation>不限年份</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/indicator_grid_model.py" line="213"/>
        <source>{year}</source>
        <translation>{year}年</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/indicator_grid_model.py" line="192"/>
        <source>Judged by {name}</source>
        <translation>判断人：{name}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/indicator_grid_model.py" line="188"/>
        <source>&lt;b&gt;{verdict}&lt;/b&gt;: {reason}</source>
        <translation>&lt;b&gt;{verdict}&lt;/b&gt;：{reason}</translation>
    </message>
</context>
<context>
    <name>IndicatorsPage</name>
    <message>
        <location filename="../../hpdesk/ui/views/indicators_page.py" line="166"/>
        <source>Nothing was recorded: a judgement needs the reason for it (it is kept with your name and the date).</source>
        <translation>未记录：人工判断需要写明理由（理由与判断人、日期一并保存）。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/indicators_page.py" line="40"/>
        <source>Indicators</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/indicators_page.py" line="46"/>
        <source>Action</source>
        <translation>专项行动</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/indicators_page.py" line="54"/>
        <source>Verdict</source>
        <translation>判断</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/indicators_page.py" line="56"/>
        <source>Any</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/indicators_page.py" line="79"/>
        <source>Double-click a year cell (or start typing) to enter the county&apos;s value as written, e.g. 95.25%以上. Right-click to record a judgement.</source>
        <translation>双击年份单元格（或直接输入）按原样录入本县区数值，如“95.25%以上”。右键可记录人工判断。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/indicators_page.py" line="87"/>
        <source>Colours:</source>
        <translation>颜色：</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/indicators_page.py" line="121"/>
        <source>All actions</source>
        <translation>全部专项行动</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/indicators_page.py" line="137"/>
        <source>{shown} of {total} indicators</source>
        <translation>显示 {shown} / 共 {total} 项指标</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/indicators_page.py" line="156"/>
        <source>Indicator value</source>
        <translation>指标数值</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/indicators_page.py" line="164"/>
        <source>Enter value…</source>
        <translation>录入数值…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/indicators_page.py" line="165"/>
        <source>Record judgement…</source>
        <translation>记录人工判断…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/indicators_page.py" line="168"/>
        <source>Clear judgement</source>
        <translation>清除人工判断</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/indicators_page.py" line="179"/>
        <location filename="../../hpdesk/ui/views/indicators_page.py" line="183"/>
        <location filename="../../hpdesk/ui/views/indicators_page.py" line="193"/>
        <source>Judgement</source>
        <translation>人工判断</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/indicators_page.py" line="179"/>
        <source>{indicator}, {year}: verdict</source>
        <translation>{indicator}（{year}年）：判断结论</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/indicators_page.py" line="183"/>
        <source>Why? (e.g. what the evidence shows)</source>
        <translation>判断依据（如佐证材料说明了什么）：</translation>
    </message>
</context>
<context>
    <name>JoinSharedDialog</name>
    <message>
        <location filename="../../hpdesk/ui/dialogs/join_shared_dialog.py" line="36"/>
        <source>Join a shared office database</source>
        <translation>加入本单位共享数据库</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/join_shared_dialog.py" line="39"/>
        <source>For offices where several clerks work on one plan: the database is on a PostgreSQL server on the office network, the attachments in a shared folder. Ask whoever set up the server for the address and your password. A new, empty database is set up with the county and office on the first page.</source>
        <translation>适用于多名经办人共同处理同一计划的单位：数据库在单位内网的 PostgreSQL 服务器上，附件在共享文件夹中。请向架设服务器的同事索取数据库地址和您的密码。新的空数据库将以第一页填写的县区和单位建立。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/join_shared_dialog.py" line="49"/>
        <source>Database address</source>
        <translation>数据库地址</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/join_shared_dialog.py" line="51"/>
        <source>kept only on this PC, readable by you alone</source>
        <translation>只保存在本机，仅您本人可读</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/join_shared_dialog.py" line="52"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/join_shared_dialog.py" line="56"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/join_shared_dialog.py" line="60"/>
        <location filename="../../hpdesk/ui/dialogs/join_shared_dialog.py" line="66"/>
        <source>Shared attachment folder</source>
        <translation>共享附件文件夹</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/join_shared_dialog.py" line="74"/>
        <source>Enter the database address.</source>
        <translation>请输入数据库地址。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/join_shared_dialog.py" line="77"/>
        <source>Choose the shared attachment folder.</source>
        <translation>请选择共享附件文件夹。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/join_shared_dialog.py" line="79"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="39"/>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="40"/>
        <source>In progress</source>
        <translation>推进中</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="41"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="42"/>
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="43"/>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="46"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="47"/>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="48"/>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="49"/>
        <source>Approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="52"/>
        <source>Lead</source>
        <translation>牵头</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="53"/>
        <source>Co-responsible</source>
        <translation>配合</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="56"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="57"/>
        <source>Street</source>
        <translation>街道</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="58"/>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="59"/>
        <source>Hospital</source>
        <translation>医院</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="60"/>
        <source>Community health centre</source>
        <translation>社区卫生服务中心</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="61"/>
        <location filename="../../hpdesk/ui/i18n.py" line="80"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="64"/>
        <source>Met</source>
        <translation>已达标</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="65"/>
        <source>Not met</source>
        <translation>未达标</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="66"/>
        <source>On track</source>
        <translation>进度正常</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="67"/>
        <source>Off track</source>
        <translation>进度落后</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="68"/>
        <source>Needs judgement</source>
        <translation>需人工判断</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="69"/>
        <source>No value yet</source>
        <translation>未填报</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="72"/>
        <source>Document / plan</source>
        <translation>文件/方案</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="73"/>
        <source>Meeting minutes</source>
        <translation>会议纪要</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="74"/>
        <source>Sign-in sheet</source>
        <translation>签到表</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="75"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="76"/>
        <source>Screenshot</source>
        <translation>截图</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="77"/>
        <source>Statistics</source>
        <translation>统计表</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="78"/>
        <source>Ledger</source>
        <translation>台账</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="79"/>
        <source>Media report</source>
        <translation>媒体报道</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="83"/>
        <source>Open</source>
        <translation>填报中</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="84"/>
        <source>Sent to the city</source>
        <translation>已报送</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="85"/>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="88"/>
        <source>Half-yearly</source>
        <translation>半年</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="89"/>
        <source>Quarterly</source>
        <translation>季度</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="90"/>
        <source>Yearly</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="93"/>
        <source>looks like part of the row above</source>
        <translation>像是上一行的一部分</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="94"/>
        <source>cells seem shifted to another column</source>
        <translation>单元格内容似乎错列</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="95"/>
        <source>names no department</source>
        <translation>没有列出责任部门</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="96"/>
        <source>repeats another row</source>
        <translation>与另一行重复</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="97"/>
        <source>the table has no department columns</source>
        <translation>表中没有责任部门列</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/i18n.py" line="98"/>
        <source>looks like an action&apos;s goal, not a task</source>
        <translation>像是专项行动的目标，而不是任务</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/language_page.py" line="15"/>
        <source>Language of hpdesk&apos;s windows</source>
        <translation>hpdesk 界面语言</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/language_page.py" line="25"/>
        <source>The new language takes effect when hpdesk restarts. Exports and documents for the city are always in Chinese.</source>
        <translation>新的语言在重新启动 hpdesk 后生效。报送市里的材料始终为中文。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="132"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="104"/>
        <source>&amp;Import the city&apos;s table…</source>
        <translation>导入市里的表格(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="105"/>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="108"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="109"/>
        <source>&amp;Clerks…</source>
        <translation>经办人(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="111"/>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="112"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="114"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="115"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="116"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="117"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="122"/>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="122"/>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="123"/>
        <location filename="../../hpdesk/ui/main_window.py" line="364"/>
        <location filename="../../hpdesk/ui/main_window.py" line="368"/>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="123"/>
        <source>Indicators</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="140"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="146"/>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="149"/>
        <location filename="../../hpdesk/ui/main_window.py" line="510"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="159"/>
        <source>&amp;City</source>
        <translation>市级(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="160"/>
        <source>&amp;Inbox</source>
        <translation>收件箱(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="161"/>
        <source>&amp;Consolidation</source>
        <translation>汇总(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="163"/>
        <source>Inbox</source>
        <translation>收件箱</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="164"/>
        <source>Consolidation</source>
        <translation>汇总</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="169"/>
        <source>Counties and &amp;certificates…</source>
        <translation>县区与证书(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="173"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="177"/>
        <source>Period and search</source>
        <translation>报送期与搜索</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="182"/>
        <source>Period</source>
        <translation>报送期</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="187"/>
        <source>The reporting period every page shows</source>
        <translation>各页面显示的报送期</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="194"/>
        <source>Search tasks, units, evidence (Ctrl+F)</source>
        <translation>搜索任务、单位、佐证材料（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="212"/>
        <source>Sections</source>
        <translation>栏目</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="290"/>
        <source>No periods yet — see Settings → Calendar</source>
        <translation>还没有报送期 — 请到“设置 → 报送日历”创建</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="293"/>
        <source>Due {date}</source>
        <translation>{date}截止</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="367"/>
        <source>Review ({count})</source>
        <translation>审核（{count}）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="400"/>
        <source>The shared database cannot be reached; retrying…</source>
        <translation>无法连接共享数据库，正在重试…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="500"/>
        <source>&lt;h3&gt;hpdesk {version}&lt;/h3&gt;&lt;p&gt;Offline workbench for county health offices carrying out the city&apos;s Healthy China action plan: tasks, units&apos; reports and evidence, indicators, and the signed submission.&lt;/p&gt;&lt;p&gt;Workspace: {workspace}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;hpdesk {version}&lt;/h3&gt;&lt;p&gt;县区健康城市（健康中国）行动离线工作台：任务分解、各单位进展报告与佐证材料、指标监测，以及签章报送材料。&lt;/p&gt;&lt;p&gt;工作区：{workspace}&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="516"/>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="118"/>
        <source>&amp;About hpdesk</source>
        <translation>关于 hpdesk(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="260"/>
        <source>(office not set up)</source>
        <translation>（尚未设置单位）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="261"/>
        <source>hpdesk — Healthy City workbench — {office}</source>
        <translation>hpdesk 健康城市行动工作台 — {office}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="513"/>
        <source>hpdesk</source>
        <translation>hpdesk</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="499"/>
        <source>About hpdesk</source>
        <translation>关于 hpdesk</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="510"/>
        <source>The new language takes effect when hpdesk restarts.</source>
        <translation>新的界面语言将在重新启动 hpdesk 后生效。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="106"/>
        <source>Send fill-in forms to the units…</source>
        <translation>发给各单位填报…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="107"/>
        <source>Import units&apos; fill-in forms…</source>
        <translation>导入各单位填报表…</translation>
    </message>
</context>
<context>
    <name>MonthDayEdit</name>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/calendar_page.py" line="35"/>
        <source> (month)</source>
        <translation> 月</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/calendar_page.py" line="36"/>
        <source> (day)</source>
        <translation> 日</translation>
    </message>
</context>
<context>
    <name>NavigatorModels</name>
    <message>
        <location filename="../../hpdesk/ui/models/navigator_models.py" line="110"/>
        <source>All tasks ({count})</source>
        <translation>全部任务（{count}）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/navigator_models.py" line="156"/>
        <source>{name} (lead {lead} · co {co})</source>
        <translation>{name}（牵头 {lead} · 配合 {co}）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/navigator_models.py" line="159"/>
        <source>Also written as: {aliases}</source>
        <translation>又称：{aliases}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/navigator_models.py" line="189"/>
        <source>All tasks of the period</source>
        <translation>本期全部任务</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/navigator_models.py" line="190"/>
        <source>Not handed in</source>
        <translation>未报送</translation>
    </message>
</context>
<context>
    <name>OfficePage</name>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/office_page.py" line="25"/>
        <source>These details appear on the submission&apos;s cover letter and in document numbers.</source>
        <translation>这些信息用于报送函和文号。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/office_page.py" line="31"/>
        <source>e.g. 管城回族区</source>
        <translation>如 管城回族区</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/office_page.py" line="32"/>
        <source>Region</source>
        <translation>县区</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/office_page.py" line="34"/>
        <source>e.g. 管城回族区卫生健康委员会</source>
        <translation>如 管城回族区卫生健康委员会</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/office_page.py" line="35"/>
        <location filename="../../hpdesk/ui/dialogs/settings/office_page.py" line="76"/>
        <location filename="../../hpdesk/ui/dialogs/settings/office_page.py" line="87"/>
        <location filename="../../hpdesk/ui/dialogs/settings/office_page.py" line="99"/>
        <source>Office</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/office_page.py" line="37"/>
        <source>County or district</source>
        <translation>县（区）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/office_page.py" line="38"/>
        <source>City</source>
        <translation>市</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/office_page.py" line="39"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/office_page.py" line="41"/>
        <source>e.g. 区卫健委</source>
        <translation>如 区卫健委</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/office_page.py" line="42"/>
        <source>Short name</source>
        <translation>简称</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/office_page.py" line="44"/>
        <source>e.g. 管卫健 (for 管卫健〔2025〕12号)</source>
        <translation>如 管卫健（用于“管卫健〔2025〕12号”）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/office_page.py" line="45"/>
        <source>Document number prefix</source>
        <translation>发文字号</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/office_page.py" line="48"/>
        <source>Empty: the issuer of the imported plan</source>
        <translation>不填则为所导入计划的印发单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/office_page.py" line="49"/>
        <source>Addressee of the cover letter</source>
        <translation>报送函主送机关</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/office_page.py" line="53"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/office_page.py" line="87"/>
        <source>The region and the office&apos;s name are needed.</source>
        <translation>请填写县区和单位名称。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/office_page.py" line="76"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>OfficeWizardPage</name>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="64"/>
        <source>Step 1 of 3: your office</source>
        <translation>第 1 步（共 3 步）：本单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="65"/>
        <source>Who uses this workspace. It appears on everything sent to the city.</source>
        <translation>使用本工作区的单位，会出现在报送市里的所有材料上。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="67"/>
        <source>Welcome! Three short steps — your office, the signing identity and the city&apos;s table — and hpdesk opens the task list for your county.</source>
        <translation>欢迎使用！只需三步——填写本单位、设置签章证书、导入市里的表格——hpdesk 就会打开本县区的任务列表。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="76"/>
        <source>e.g. 管城回族区</source>
        <translation>如 管城回族区</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="77"/>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="82"/>
        <source>County or district</source>
        <translation>县（区）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="79"/>
        <source>e.g. 管城回族区卫生健康委员会</source>
        <translation>如 管城回族区卫生健康委员会</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="80"/>
        <source>Office</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="83"/>
        <source>City</source>
        <translation>市</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="84"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="86"/>
        <source>e.g. 区卫健委 (optional)</source>
        <translation>如 区卫健委（可不填）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="87"/>
        <source>Short name</source>
        <translation>简称</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="89"/>
        <source>e.g. 管卫健 (optional)</source>
        <translation>如 管卫健（可不填）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="90"/>
        <source>Document number prefix</source>
        <translation>发文字号</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="94"/>
        <source>Advanced: join a shared office database (PostgreSQL)…</source>
        <translation>高级：加入本单位共享数据库（PostgreSQL）…</translation>
    </message>
</context>
<context>
    <name>OverdueTableModel</name>
    <message>
        <location filename="../../hpdesk/ui/models/overdue_model.py" line="17"/>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/overdue_model.py" line="18"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/overdue_model.py" line="19"/>
        <source>Unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/overdue_model.py" line="20"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/overdue_model.py" line="21"/>
        <source>Due date</source>
        <translation>截止日期</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <location filename="../../hpdesk/ui/dialogs/pdf_preview_dialog.py" line="43"/>
        <source>{count} pages — unsigned preview; the exported file is signed</source>
        <translation>共 {count} 页 — 未签章的预览；导出的文件带电子签章</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/pdf_preview_dialog.py" line="51"/>
        <source>Stop printing</source>
        <translation>停止打印</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/pdf_preview_dialog.py" line="54"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/pdf_preview_dialog.py" line="85"/>
        <source>Printing page {done} of {total}</source>
        <translation>正在打印第{done}页，共{total}页</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/pdf_preview_dialog.py" line="96"/>
        <source>Printing stopped after {drawn} of {total} pages.</source>
        <translation>已停止打印：共{total}页，已打印{drawn}页。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/pdf_preview_dialog.py" line="99"/>
        <source>{total} pages sent to {printer}.</source>
        <translation>已将{total}页发送到{printer}。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/pdf_preview_dialog.py" line="100"/>
        <source>the printer</source>
        <translation>打印机</translation>
    </message>
</context>
<context>
    <name>PeriodTableModel</name>
    <message>
        <location filename="../../hpdesk/ui/models/period_table_model.py" line="16"/>
        <source>Period</source>
        <translation>报送期</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/period_table_model.py" line="17"/>
        <source>Cadence</source>
        <translation>周期</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/period_table_model.py" line="18"/>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/period_table_model.py" line="19"/>
        <source>To</source>
        <translation>结束</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/period_table_model.py" line="20"/>
        <source>Due</source>
        <translation>截止</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/period_table_model.py" line="21"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>PolledProgressDialog</name>
    <message>
        <location filename="../../hpdesk/ui/progress_dialog.py" line="34"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/progress_dialog.py" line="61"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>ReportEditorDialog</name>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="70"/>
        <source>Nothing was changed: {period} is locked, and a change to it needs a reason.</source>
        <translation>未作修改：{period}已锁定，修改须写明理由。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="489"/>
        <source>Cancelled: {added} piece(s) of evidence were added before the Cancel; the other {left} were not.</source>
        <translation>已取消：取消前已添加 {added} 项佐证材料，其余 {left} 项未添加。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="506"/>
        <source>{added} piece(s) of evidence were added; the other {left} were not, as the next one was refused: {reason}</source>
        <translation>已添加 {added} 项佐证材料；其余 {left} 项未添加，因为下一项被拒绝：{reason}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="63"/>
        <source>Report — {task} · {unit} · {period}</source>
        <translation>报告 — {task} · {unit} · {period}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="106"/>
        <source>Approved: this report is read-only. To change it, return it for changes (the reason is kept in the audit trail).</source>
        <translation>已审核通过：本报告只读。如需修改，请先退回修改（理由记入操作日志）。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="110"/>
        <source>Return for changes…</source>
        <translation>退回修改…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="119"/>
        <source>This period is locked: changes need a reason, and the submission will show them as changed after locking.</source>
        <translation>本报送期已锁定：修改需说明理由，报送材料中会注明为锁定后修改。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="134"/>
        <source>Status</source>
        <translation>完成情况</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="135"/>
        <source>What was done in this period: meetings, activities, coverage, documents issued…</source>
        <translation>本期开展的工作：召开会议、组织活动、覆盖人群、印发文件等…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="137"/>
        <source>Progress</source>
        <translation>工作开展情况</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="160"/>
        <source>Add a figure</source>
        <translation>添加数据项</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="163"/>
        <source>Remove the selected figure</source>
        <translation>删除选中的数据项</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="169"/>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="342"/>
        <source>Key figures</source>
        <translation>主要数据</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="170"/>
        <source>Difficulties and shortcomings</source>
        <translation>存在的困难和不足</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="171"/>
        <source>Problems</source>
        <translation>存在问题</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="172"/>
        <source>What the unit will do next</source>
        <translation>下一步工作打算</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="173"/>
        <source>Next steps</source>
        <translation>下步打算</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="175"/>
        <source>Required: the person at the unit who filled it in</source>
        <translation>必填：单位的填报人</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="177"/>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="346"/>
        <source>Filled in by</source>
        <translation>填报人</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="192"/>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="461"/>
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="195"/>
        <source>Drop files here from the file manager, or use “Add files…”. Double-click a file to open it.</source>
        <translation>可把文件从文件夹直接拖到这里，或点击“添加文件…”。双击文件可打开查看。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="207"/>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="209"/>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="542"/>
        <source>Remove evidence</source>
        <translation>删除佐证</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="211"/>
        <source>Edit details…</source>
        <translation>修改信息…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="212"/>
        <source>Kind, title, date, document number of the selected evidence</source>
        <translation>修改选中佐证材料的类型、标题、日期、文号</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="226"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="228"/>
        <source>Save and submit for review</source>
        <translation>保存并提交审核</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="230"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="232"/>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="276"/>
        <source>Review: {state}</source>
        <translation>审核：{state}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="278"/>
        <source>Returned with the comment: {comment}</source>
        <translation>退回意见：{comment}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="301"/>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="306"/>
        <source>Return for changes</source>
        <translation>退回修改</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="302"/>
        <source>Why is the approved report returned? The unit sees this comment.</source>
        <translation>为什么退回这份已通过的报告？填报单位会看到这条意见。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="307"/>
        <source>Nothing was returned: a returned report needs a comment saying what to change.</source>
        <translation>未退回：退回时须写明需要修改的内容。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="319"/>
        <source>Evidence ({count})</source>
        <translation>佐证材料（{count}）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="333"/>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="437"/>
        <source>Unsaved changes</source>
        <translation>有未保存的修改</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="342"/>
        <source>The value of “{figure}” is not a number.</source>
        <translation>“{figure}”的数值不是数字。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="347"/>
        <source>Enter who filled in the report: the name is printed in the packet sent to the city.</source>
        <translation>请填写填报人：该姓名会印在报送市里的材料中。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="360"/>
        <source>Locked period</source>
        <translation>报送期已锁定</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="361"/>
        <source>{period} is locked. Why must this be changed? (kept in the audit trail)</source>
        <translation>{period}已锁定。为什么需要修改？（理由记入操作日志）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="394"/>
        <source>Changed by someone else</source>
        <translation>已被他人修改</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="413"/>
        <source>Submit for review</source>
        <translation>提交审核</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="414"/>
        <source>The report says the task is done but has no evidence. Submit it anyway?</source>
        <translation>报告填写为“已完成”，但没有佐证材料。仍要提交吗？</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="438"/>
        <source>The report of {unit} on {task} has unsaved changes.</source>
        <translation>{unit}关于 {task} 的报告有未保存的修改。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="461"/>
        <source>This report is approved: return it for changes first.</source>
        <translation>该报告已审核通过：请先退回修改。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="477"/>
        <source>Adding evidence…</source>
        <translation>正在添加佐证材料…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="522"/>
        <source>Evidence added</source>
        <translation>佐证材料已添加</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="543"/>
        <source>Remove “{title}” and its {count} file(s) from this report?</source>
        <translation>从本报告中删除“{title}”及其 {count} 个文件？</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="562"/>
        <source>Open file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="563"/>
        <source>No program on this PC opens {file}. The file is at {path}.</source>
        <translation>本机没有能打开 {file} 的程序。文件位于 {path}。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/report_editor.py" line="578"/>
        <source>Report</source>
        <translation>进展报告</translation>
    </message>
</context>
<context>
    <name>ReportTableModel</name>
    <message>
        <location filename="../../hpdesk/ui/models/report_table_model.py" line="16"/>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/report_table_model.py" line="17"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/report_table_model.py" line="18"/>
        <source>Unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/report_table_model.py" line="19"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/report_table_model.py" line="20"/>
        <source>Status</source>
        <translation>完成情况</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/report_table_model.py" line="21"/>
        <source>Evidence</source>
        <translation>佐证</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/report_table_model.py" line="22"/>
        <source>Review</source>
        <translation>审核状态</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/report_table_model.py" line="23"/>
        <source>Filled by</source>
        <translation>填报人</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../hpdesk/ui/views/review_page.py" line="50"/>
        <source>Review queue</source>
        <translation>待审核</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/review_page.py" line="56"/>
        <source>Keys: ↑ ↓ move · A approve · R return · Enter open</source>
        <translation>按键：↑ ↓ 移动 · A 通过 · R 退回 · Enter 打开</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/review_page.py" line="90"/>
        <source>Open (Enter)</source>
        <translation>打开（Enter）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/review_page.py" line="92"/>
        <source>Return… (R)</source>
        <translation>退回…（R）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/review_page.py" line="94"/>
        <source>Approve (A)</source>
        <translation>通过（A）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/review_page.py" line="121"/>
        <source>No reporting period yet</source>
        <translation>还没有报送期</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/review_page.py" line="146"/>
        <source>{count} reports waiting — {period}</source>
        <translation>{count} 份报告待审核 — {period}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/review_page.py" line="150"/>
        <source>Nothing waits for review in this period.</source>
        <translation>本期没有待审核的报告。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/review_page.py" line="173"/>
        <source>(empty)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/review_page.py" line="174"/>
        <source>Status</source>
        <translation>完成情况</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/review_page.py" line="174"/>
        <source>Filled in by</source>
        <translation>填报人</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/review_page.py" line="175"/>
        <source>{count} file(s)</source>
        <translation>{count} 个文件</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/review_page.py" line="191"/>
        <source>Progress</source>
        <translation>工作开展情况</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/review_page.py" line="195"/>
        <source>Key figures</source>
        <translation>主要数据</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/review_page.py" line="196"/>
        <source>Problems</source>
        <translation>存在问题</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/review_page.py" line="196"/>
        <source>Next steps</source>
        <translation>下步打算</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/review_page.py" line="198"/>
        <source>Loading evidence…</source>
        <translation>正在读取佐证材料…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/review_page.py" line="201"/>
        <source>No evidence attached.</source>
        <translation>未附佐证材料。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/review_page.py" line="204"/>
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/review_page.py" line="226"/>
        <location filename="../../hpdesk/ui/views/review_page.py" line="231"/>
        <source>Return the report</source>
        <translation>退回报告</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/review_page.py" line="227"/>
        <source>What must {unit} add or correct?</source>
        <translation>{unit}需要补充或修改什么？</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/review_page.py" line="232"/>
        <source>Not returned: write what {unit} must add or correct; the unit sees this comment.</source>
        <translation>未退回：请写明{unit}需要补充或更正的内容，该单位会看到这条意见。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/review_page.py" line="254"/>
        <source>Review</source>
        <translation>审核</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <location filename="../../hpdesk/ui/views/search_page.py" line="83"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/search_page.py" line="89"/>
        <source>Enter opens · Esc goes back</source>
        <translation>Enter 打开 · Esc 返回</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/search_page.py" line="126"/>
        <source>Search: {text}</source>
        <translation>搜索：{text}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/search_page.py" line="134"/>
        <source>{tasks} tasks · {units} units · {evidence} evidence · {reports} reports</source>
        <translation>任务 {tasks} · 单位 {units} · 佐证 {evidence} · 报告 {reports}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/search_page.py" line="99"/>
        <source> (the first {limit} of each kind: more words narrow it)</source>
        <translation>（每类只列出前 {limit} 项：多输入几个词可缩小范围）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/search_page.py" line="139"/>
        <source>Nothing contains “{text}”. Try fewer or shorter words: several words separated by spaces must all appear.</source>
        <translation>没有找到包含“{text}”的内容。请减少或缩短关键词：用空格分开的多个词必须同时出现。</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <location filename="../../hpdesk/ui/views/search_page.py" line="23"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/search_page.py" line="24"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/search_page.py" line="25"/>
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/search_page.py" line="26"/>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/search_page.py" line="29"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/search_page.py" line="30"/>
        <source>Found</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/search_page.py" line="31"/>
        <source>Where</source>
        <translation>所在位置</translation>
    </message>
</context>
<context>
    <name>SendFormsDialog</name>
    <message>
        <location filename="../../hpdesk/ui/dialogs/send_forms_dialog.py" line="35"/>
        <source>Send fill-in forms to the units</source>
        <translation>发给各单位填报</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/send_forms_dialog.py" line="38"/>
        <source>Each unit with tasks in the period gets one Excel workbook of its own tasks to fill in. Import the returned workbooks with “Import units&apos; forms…”.</source>
        <translation>本期有任务的每个单位各得到一份只含本单位任务的 Excel 填报表。单位交回后，用“导入各单位填报表…”导入。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/send_forms_dialog.py" line="48"/>
        <source>Period</source>
        <translation>报送期</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/send_forms_dialog.py" line="51"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/send_forms_dialog.py" line="55"/>
        <source>Save in</source>
        <translation>保存到</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/send_forms_dialog.py" line="58"/>
        <source>Units</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/send_forms_dialog.py" line="59"/>
        <source>All</source>
        <translation>全选</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/send_forms_dialog.py" line="60"/>
        <source>None</source>
        <translation>全不选</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/send_forms_dialog.py" line="68"/>
        <source>One zip per unit (the workbook and a folder for its evidence)</source>
        <translation>每个单位一个压缩包（含填报表和放佐证材料的文件夹）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/send_forms_dialog.py" line="75"/>
        <source>Write the forms</source>
        <translation>生成填报表</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/send_forms_dialog.py" line="94"/>
        <source>{unit} ({count} tasks)</source>
        <translation>{unit}（{count} 项任务）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/send_forms_dialog.py" line="95"/>
        <source>{unit} (nothing to report this period)</source>
        <translation>{unit}（本期没有任务）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/send_forms_dialog.py" line="116"/>
        <source>Save the forms in</source>
        <translation>填报表保存到</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/send_forms_dialog.py" line="123"/>
        <source>Choose at least one unit.</source>
        <translation>请至少选择一个单位。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/send_forms_dialog.py" line="127"/>
        <source>Writing the forms…</source>
        <translation>正在生成填报表…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/send_forms_dialog.py" line="134"/>
        <source>{count} forms written to {folder}:</source>
        <translation>已在 {folder} 生成 {count} 份填报表：</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/send_forms_dialog.py" line="136"/>
        <source>• {unit}: {file} ({rows} tasks)</source>
        <translation>• {unit}：{file}（{rows} 项任务）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/send_forms_dialog.py" line="139"/>
        <source>No form for units with nothing to report: {units}</source>
        <translation>本期没有任务、未生成填报表的单位：{units}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings_dialog.py" line="86"/>
        <source>Unsaved changes</source>
        <translation>有未保存的修改</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings_dialog.py" line="86"/>
        <source>“{page}” has changes that were not saved. Close Settings and drop them?</source>
        <translation>“{page}”有修改尚未保存。关闭设置并放弃这些修改吗？</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings_dialog.py" line="36"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings_dialog.py" line="54"/>
        <source>Office</source>
        <translation>本单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings_dialog.py" line="54"/>
        <source>Units</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings_dialog.py" line="55"/>
        <source>Calendar</source>
        <translation>报送日历</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings_dialog.py" line="55"/>
        <source>Signing identity</source>
        <translation>签章证书</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings_dialog.py" line="57"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings_dialog.py" line="57"/>
        <source>Counties</source>
        <translation>县区与证书</translation>
    </message>
</context>
<context>
    <name>SharedStatus</name>
    <message>
        <location filename="../../hpdesk/ui/shared_status.py" line="24"/>
        <location filename="../../hpdesk/ui/shared_status.py" line="25"/>
        <source>a report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/shared_status.py" line="26"/>
        <source>evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/shared_status.py" line="27"/>
        <location filename="../../hpdesk/ui/shared_status.py" line="28"/>
        <source>a period</source>
        <translation>报送周期</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/shared_status.py" line="29"/>
        <source>a unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/shared_status.py" line="30"/>
        <location filename="../../hpdesk/ui/shared_status.py" line="31"/>
        <source>assignments</source>
        <translation>任务分派</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/shared_status.py" line="32"/>
        <source>the clerks</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/shared_status.py" line="33"/>
        <source>the plan</source>
        <translation>任务表</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/shared_status.py" line="34"/>
        <source>an export</source>
        <translation>报送包</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/shared_status.py" line="45"/>
        <source>reviewer</source>
        <translation>审核</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/shared_status.py" line="46"/>
        <source>filler</source>
        <translation>填报</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/shared_status.py" line="52"/>
        <source>Shared database · {login} (not a registered clerk)</source>
        <translation>共享数据库 · {login}（未登记的经办人）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/shared_status.py" line="53"/>
        <source>Shared database · {name} ({role})</source>
        <translation>共享数据库 · {name}（{role}）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/shared_status.py" line="67"/>
        <source>{who} changed: {what}</source>
        <translation>{who} 刚刚修改：{what}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/shared_status.py" line="69"/>
        <source> (and {count} more changes)</source>
        <translation>（另有 {count} 项修改）</translation>
    </message>
</context>
<context>
    <name>StartupWindow</name>
    <message>
        <location filename="../../hpdesk/ui/startup_window.py" line="25"/>
        <source>Opening the workspace…</source>
        <translation>正在打开工作区…</translation>
    </message>
</context>
<context>
    <name>TableWizardPage</name>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="200"/>
        <source>Step 3 of 3: the city&apos;s table</source>
        <translation>第 3 步（共 3 步）：市里的表格</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="201"/>
        <source>Choose the task breakdown table or the indicator table the city sent (Excel). hpdesk reads it now and imports it when you press Finish.</source>
        <translation>请选择市里发来的任务分解表或指标表（Excel）。hpdesk 现在先读取核对，点击“完成”时再导入。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="204"/>
        <source>Choose the city&apos;s table…</source>
        <translation>选择市里的表格…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="220"/>
        <source>Skip: I will import the table later (File → Import)</source>
        <translation>跳过：以后再导入（文件 → 导入）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="233"/>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="235"/>
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="244"/>
        <source>&lt;b&gt;{file}&lt;/b&gt;: the task table of “{plan}” — {actions} actions, {tasks} tasks, {county} of them for the county.</source>
        <translation>&lt;b&gt;{file}&lt;/b&gt;：“{plan}”任务分解表 — {actions} 个专项行动，{tasks} 项任务，其中本县区承担 {county} 项。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="247"/>
        <source>&lt;b&gt;{file}&lt;/b&gt;: the indicator table of “{plan}” — {actions} actions, {indicators} indicators.</source>
        <translation>&lt;b&gt;{file}&lt;/b&gt;：“{plan}”指标表 — {actions} 个专项行动，{indicators} 项指标。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="251"/>
        <source>{rows} rows need checking (below); they stay marked after the import.</source>
        <translation>其中 {rows} 行需要核对（见下方列表），导入后这些行仍会标出。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/first_run_wizard.py" line="257"/>
        <source>Row {row}: {detail}</source>
        <translation>第{row}行：{detail}</translation>
    </message>
</context>
<context>
    <name>TaskDetailPanel</name>
    <message>
        <location filename="../../hpdesk/ui/views/task_detail_panel.py" line="57"/>
        <location filename="../../hpdesk/ui/views/task_detail_panel.py" line="123"/>
        <source>Choose a task on the left</source>
        <translation>请在左侧选择任务</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/task_detail_panel.py" line="76"/>
        <source>Confirm the suggestion</source>
        <translation>确认建议分派</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/task_detail_panel.py" line="77"/>
        <source>hpdesk suggested these units from the departments the city named; only confirmed units are expected to report</source>
        <translation>这些单位是 hpdesk 根据市里列出的部门建议的；确认后才计入应报单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/task_detail_panel.py" line="82"/>
        <source>Assign units…</source>
        <translation>分派单位…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/task_detail_panel.py" line="85"/>
        <source>Open report</source>
        <translation>打开报告</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/task_detail_panel.py" line="152"/>
        <source>This task is the city&apos;s own; no county unit reports on it.</source>
        <translation>该任务由市级部门承担，县区单位无需报送。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/task_detail_panel.py" line="154"/>
        <source>No unit is assigned yet — use “Assign units…”.</source>
        <translation>还没有分派单位 — 请点击“分派单位…”。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/task_detail_panel.py" line="156"/>
        <source>Units (create a reporting period in Settings to collect reports)</source>
        <translation>责任单位（请先在“设置”中创建报送期，才能收集报告）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/task_detail_panel.py" line="158"/>
        <source>Units and their reports — {period}</source>
        <translation>责任单位及其报告 — {period}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/task_detail_panel.py" line="168"/>
        <source>serial {label}</source>
        <translation>序号 {label}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/task_detail_panel.py" line="169"/>
        <source>Check in the source table</source>
        <translation>请对照原表核对</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/task_detail_panel.py" line="171"/>
        <source>Action</source>
        <translation>专项行动</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/task_detail_panel.py" line="172"/>
        <source>Basic content</source>
        <translation>基本内容</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/task_detail_panel.py" line="173"/>
        <source>Task</source>
        <translation>具体任务</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/task_detail_panel.py" line="174"/>
        <source>Measures</source>
        <translation>推进措施</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/task_detail_panel.py" line="175"/>
        <source>Work plan (the evidence the city expects)</source>
        <translation>工作计划（市里要求的佐证材料）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/task_detail_panel.py" line="176"/>
        <source>Reporting instruction</source>
        <translation>工作推进（报送要求）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/task_detail_panel.py" line="177"/>
        <source>Lead (as the city wrote it)</source>
        <translation>牵头单位（原表）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/task_detail_panel.py" line="178"/>
        <source>Responsible (as the city wrote it)</source>
        <translation>责任单位（原表）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/task_detail_panel.py" line="179"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/task_detail_panel.py" line="180"/>
        <source>Source</source>
        <translation>出处</translation>
    </message>
</context>
<context>
    <name>TaskListModel</name>
    <message>
        <location filename="../../hpdesk/ui/models/task_list_model.py" line="18"/>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/task_list_model.py" line="19"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/task_list_model.py" line="20"/>
        <source>Lead unit</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/task_list_model.py" line="21"/>
        <source>This period</source>
        <translation>本期进度</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/task_list_model.py" line="30"/>
        <source>City only</source>
        <translation>市级任务</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/task_list_model.py" line="32"/>
        <source>To confirm</source>
        <translation>待确认分派</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/task_list_model.py" line="33"/>
        <source>Not assigned</source>
        <translation>未分派</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/task_list_model.py" line="34"/>
        <source>{done}/{units} in</source>
        <translation>已报 {done}/{units}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/task_list_model.py" line="36"/>
        <source>{approved} approved</source>
        <translation>通过 {approved}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/task_list_model.py" line="38"/>
        <source>{returned} returned</source>
        <translation>退回 {returned}</translation>
    </message>
</context>
<context>
    <name>TasksPage</name>
    <message>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="234"/>
        <source>No task of the county here. Untick “Only the county&apos;s tasks” to see every task of the city&apos;s table.</source>
        <translation>这里没有本县区承担的任务。取消勾选“只看本县区承担的任务”可查看市里表格中的全部任务。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="236"/>
        <source>No task here.</source>
        <translation>这里没有任务。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="90"/>
        <source>Only the county&apos;s tasks</source>
        <translation>只看本县区承担的任务</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="101"/>
        <source>By plan</source>
        <translation>按计划</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="106"/>
        <source>By unit</source>
        <translation>按单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="111"/>
        <source>By period</source>
        <translation>按报送期</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="127"/>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="320"/>
        <source>Confirm all suggestions…</source>
        <translation>确认全部建议分派…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="128"/>
        <source>Accept the units hpdesk suggested from the departments the city named, for every task still waiting</source>
        <translation>对所有待确认的任务，采用 hpdesk 根据市里所列部门建议的责任单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="137"/>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="318"/>
        <source>Assign selected…</source>
        <translation>分派选中任务…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="140"/>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="319"/>
        <source>Confirm suggestions of selected</source>
        <translation>确认选中任务的建议分派</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="243"/>
        <source>All tasks</source>
        <translation>全部任务</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="253"/>
        <source>{count} tasks</source>
        <translation>共 {count} 项</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="303"/>
        <source>{count} tasks selected</source>
        <translation>已选中{count}项任务</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="315"/>
        <source>Select all</source>
        <translation>全选</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="369"/>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="388"/>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="394"/>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="434"/>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="441"/>
        <source>Assign units</source>
        <translation>分派单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="384"/>
        <source>Assign {count} tasks ({first} …) to {lead} as lead</source>
        <translation>将{count}项任务（{first}等）分派给{lead}牵头</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="387"/>
        <source>, with {units} co-responsible</source>
        <translation>，{units}配合</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="389"/>
        <source>?
Tasks that already have units get these instead; units that already reported keep their reports.</source>
        <translation>？
已分派的任务将改为以上单位；已填报的单位保留其报告。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="393"/>
        <source>{count} tasks assigned.</source>
        <translation>已分派{count}项任务。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="398"/>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="405"/>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="411"/>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="416"/>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="425"/>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="430"/>
        <source>Confirm suggestions</source>
        <translation>确认建议分派</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="399"/>
        <source>Confirm the suggested units of the {count} selected tasks? They are then expected to report.</source>
        <translation>确认选中的{count}项任务的建议分派吗？确认后这些单位须按期填报。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="403"/>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="428"/>
        <source>Suggested units confirmed for {count} tasks.</source>
        <translation>已确认{count}项任务的建议分派。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="416"/>
        <source>No suggestion is waiting to be confirmed.</source>
        <translation>没有待确认的建议分派。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="417"/>
        <source> {count} tasks have no unit: assign them by hand.</source>
        <translation>另有{count}项任务尚无责任单位，请手动分派。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="420"/>
        <source>Confirm the suggested units of all {count} tasks that have them? They are then expected to report.</source>
        <translation>确认全部{count}项任务的建议分派吗？确认后这些单位须按期填报。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/views/tasks_page.py" line="423"/>
        <source>
{count} tasks have no suggestion and still need assigning by hand.</source>
        <translation>
另有{count}项任务没有建议分派，仍需手动分派。</translation>
    </message>
</context>
<context>
    <name>UnitEditDialog</name>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="38"/>
        <source>New unit</source>
        <translation>新增责任单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="38"/>
        <source>Edit {unit}</source>
        <translation>修改：{unit}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="43"/>
        <source>e.g. 区教育局</source>
        <translation>如 区教育局</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="44"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="49"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="51"/>
        <source>Other ways it is written, one per line (e.g. 区教体局)</source>
        <translation>其他写法，每行一个（如 区教体局）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="53"/>
        <source>Also written as</source>
        <translation>又称</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="55"/>
        <source>City departments it mirrors, one per line (e.g. 市教育局)</source>
        <translation>对应的市级部门，每行一个（如 市教育局）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="58"/>
        <source>Mirrors</source>
        <translation>对应市级部门</translation>
    </message>
</context>
<context>
    <name>UnitReportModel</name>
    <message>
        <location filename="../../hpdesk/ui/models/unit_report_model.py" line="19"/>
        <source>Unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/unit_report_model.py" line="20"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/unit_report_model.py" line="21"/>
        <source>Status</source>
        <translation>完成情况</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/unit_report_model.py" line="22"/>
        <source>Review</source>
        <translation>审核状态</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/unit_report_model.py" line="23"/>
        <source>Evidence</source>
        <translation>佐证</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/unit_report_model.py" line="24"/>
        <source>Last change</source>
        <translation>最近修改</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/unit_report_model.py" line="64"/>
        <source>{unit} (suggested)</source>
        <translation>{unit}（建议）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/unit_report_model.py" line="82"/>
        <source>Changed after the period was locked</source>
        <translation>报送期锁定后有修改</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/unit_report_model.py" line="84"/>
        <source>Review comment: {comment}</source>
        <translation>审核意见：{comment}</translation>
    </message>
</context>
<context>
    <name>UnitTableModel</name>
    <message>
        <location filename="../../hpdesk/ui/models/unit_table_model.py" line="14"/>
        <source>Unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/unit_table_model.py" line="15"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/unit_table_model.py" line="16"/>
        <source>Also written as</source>
        <translation>又称</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/unit_table_model.py" line="17"/>
        <source>City departments it mirrors</source>
        <translation>对应的市级部门</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/unit_table_model.py" line="18"/>
        <source>Lead</source>
        <translation>牵头</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/unit_table_model.py" line="19"/>
        <source>Co</source>
        <translation>配合</translation>
    </message>
</context>
<context>
    <name>UnitsPage</name>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="118"/>
        <source>Edit unit</source>
        <translation>修改单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="118"/>
        <source>Select the unit to change first.</source>
        <translation>请先选中要修改的单位。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="83"/>
        <source>The county&apos;s units. hpdesk suggests which unit carries a task from the city departments each unit mirrors; double-click a unit to edit it.</source>
        <translation>本县区的责任单位。hpdesk 根据各单位对应的市级部门建议任务由谁承担；双击单位可修改。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="102"/>
        <source>New unit…</source>
        <translation>新增单位…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="104"/>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="106"/>
        <source>Merge into…</source>
        <translation>合并到…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="107"/>
        <source>The selected unit is the same body as another one: move its tasks, reports and evidence to the other unit and keep its name as an alias</source>
        <translation>所选单位与另一单位实为同一单位：把它的任务、报告和佐证移到另一单位，并把它的名称留作别名</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="110"/>
        <source>Create units from the plan</source>
        <translation>按计划生成责任单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="111"/>
        <source>Add the county counterpart of every city department the plan names on county tasks, and suggest who carries each unassigned task</source>
        <translation>为县区任务中出现的每个市级部门建立对应的县区单位，并为尚未分派的任务给出建议分派</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="163"/>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="172"/>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="176"/>
        <source>Units</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="173"/>
        <source>{units} units created; {tasks} tasks got a suggested assignment (confirm it on the task).</source>
        <translation>新建 {units} 个单位；{tasks} 项任务有了建议分派（请在任务中确认）。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="184"/>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="191"/>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="200"/>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="203"/>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="230"/>
        <source>Merge units</source>
        <translation>合并责任单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="184"/>
        <source>Select the unit to merge into another one first.</source>
        <translation>请先选中要并入其他单位的责任单位。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="192"/>
        <source>Merge {merged} into which unit? {merged} is removed; its name becomes an alias of the unit you keep.</source>
        <translation>把“{merged}”并入哪个单位？合并后“{merged}”将被删除，其名称成为保留单位的别名。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="207"/>
        <source>{merged} and {kept} both reported on the same task in a period already handed in: {clashes}. Merging would rewrite what was sent to the city, so they cannot be merged.</source>
        <translation>“{merged}”和“{kept}”在已报送的期次对同一任务都有报告：{clashes}。合并会改写已报送市里的内容，因此不能合并。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="214"/>
        <source>{merged} and {kept} both reported on: {clashes}.
One report per task and period stays; the other, with its evidence, is deleted (the audit log keeps its text).
Whose reports stay?</source>
        <translation>“{merged}”和“{kept}”对以下任务同一期次都有报告：{clashes}。
每项任务每期只能保留一份报告，另一份连同其佐证将被删除（审计日志保留其内容）。
保留哪个单位的报告？</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="217"/>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="218"/>
        <source>The reports of {unit}</source>
        <translation>保留“{unit}”的报告</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="232"/>
        <source>Merge {merged} into {kept}?

{tasks} tasks, {reports} reports and {evidence} evidence items move to {kept}; {merged} is removed and its names become aliases of {kept}. The merge is recorded in the audit log and cannot be undone.</source>
        <translation>把“{merged}”并入“{kept}”？

{tasks}项任务、{reports}份报告和{evidence}项佐证将移到“{kept}”；“{merged}”将被删除，其名称成为“{kept}”的别名。合并记入审计日志，不能撤销。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/dialogs/settings/units_page.py" line="242"/>
        <source>{merged} was merged into {kept}.</source>
        <translation>已将“{merged}”并入“{kept}”。</translation>
    </message>
</context>
<context>
    <name>UserPrompts</name>
    <message>
        <location filename="../../hpdesk/ui/prompts.py" line="98"/>
        <source>Choose the city&apos;s table</source>
        <translation>选择市里下发的表格</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/prompts.py" line="99"/>
        <source>Spreadsheets (*.xlsx *.xlsm *.xls *.ods)</source>
        <translation>电子表格 (*.xlsx *.xlsm *.xls *.ods)</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/prompts.py" line="103"/>
        <source>Add evidence files</source>
        <translation>添加佐证材料文件</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/prompts.py" line="104"/>
        <source>Evidence (*.jpg *.jpeg *.png *.pdf *.doc *.docx *.xls *.xlsx *.ofd *.zip);;All files (*)</source>
        <translation>佐证材料 (*.jpg *.jpeg *.png *.pdf *.doc *.docx *.xls *.xlsx *.ofd *.zip);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/prompts.py" line="108"/>
        <source>Choose the certificate file</source>
        <translation>选择证书文件</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/prompts.py" line="109"/>
        <source>PKCS#12 certificates (*.p12 *.pfx)</source>
        <translation>PKCS#12 证书 (*.p12 *.pfx)</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/prompts.py" line="112"/>
        <source>Choose the seal image</source>
        <translation>选择印章图片</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/prompts.py" line="113"/>
        <source>Images (*.png *.jpg *.jpeg *.bmp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.bmp)</translation>
    </message>
</context>
</TS>
