<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="51" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="52" />
        <source>&amp;Import the city's table…</source>
        <translation>导入市里的表格(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="57" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="61" />
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="62" />
        <location filename="../../hpdesk/ui/main_window.py" line="258" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="71" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="72" />
        <source>&amp;About hpdesk</source>
        <translation>关于 hpdesk(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="75" />
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="90" />
        <source>Welcome to hpdesk</source>
        <translation>欢迎使用 hpdesk 健康城市行动工作台</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="95" />
        <source>First step: import the task breakdown table or indicator table the city sent you (Excel). hpdesk finds the header, the actions, the tasks that fall to your county and their departments.</source>
        <translation>第一步：导入市里下发的任务分解表或主要指标表（Excel）。hpdesk 会自动识别表头、专项行动、需要县区承担的任务和责任单位。</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="106" />
        <source>Import the city's table…</source>
        <translation>导入市里的表格…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="123" />
        <source>Search tasks and departments (Ctrl+F)</source>
        <translation>搜索任务、责任单位（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="152" />
        <source>(office not set up)</source>
        <translation>（尚未设置单位）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="153" />
        <source>hpdesk — Healthy City workbench — {office}</source>
        <translation>hpdesk 健康城市行动工作台 — {office}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="157" />
        <source>{actions} actions · {tasks} tasks ({county} for the county) · {indicators} indicators</source>
        <translation>专项行动 {actions} 个 · 任务 {tasks} 条（县区承担 {county} 条）· 指标 {indicators} 个</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="165" />
        <source>All actions</source>
        <translation>全部专项行动</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="196" />
        <source>Action</source>
        <translation>专项行动</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="196" />
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="197" />
        <source>Measures</source>
        <translation>推进措施</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="197" />
        <source>Work plan (expected evidence)</source>
        <translation>工作计划（应提供的佐证）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="198" />
        <source>Lead</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="198" />
        <source>Responsible</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="199" />
        <source>Source</source>
        <translation>原表位置</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="204" />
        <source>Check in the source table</source>
        <translation>请对照原表核对</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="218" />
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="227" />
        <source>{file} (sheet {sheet})</source>
        <translation>{file}（工作表“{sheet}”）</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="228" />
        <source>{actions} actions, {tasks} tasks ({county} for the county), {indicators} indicators</source>
        <translation>专项行动 {actions} 个，任务 {tasks} 条（县区承担 {county} 条），指标 {indicators} 个</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="231" />
        <source>New {new}, changed {changed}, unchanged {unchanged}, withdrawn {withdrawn}</source>
        <translation>新增 {new}，修改 {changed}，未变 {unchanged}，撤销 {withdrawn}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="232" />
        <source>{count} rows need checking</source>
        <translation>{count} 行需要核对</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="234" />
        <source>Row {row}: {detail}</source>
        <translation>第 {row} 行：{detail}</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="235" />
        <source>Import this table?</source>
        <translation>导入这张表？</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="238" />
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="244" />
        <source>hpdesk</source>
        <translation>hpdesk</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="249" />
        <source>About hpdesk</source>
        <translation>关于 hpdesk</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="250" />
        <source>&lt;h3&gt;hpdesk {version}&lt;/h3&gt;&lt;p&gt;Offline workbench for county health offices carrying out the city's Healthy City action plan.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;hpdesk {version}&lt;/h3&gt;&lt;p&gt;县（区）卫生健康部门落实健康城市行动的离线工作台。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/main_window.py" line="258" />
        <source>The new language takes effect when hpdesk restarts.</source>
        <translation>新的界面语言将在重新启动 hpdesk 后生效。</translation>
    </message>
</context>
<context>
    <name>PolledProgressDialog</name>
    <message>
        <location filename="../../hpdesk/ui/progress_dialog.py" line="20" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>TaskTableModel</name>
    <message>
        <location filename="../../hpdesk/ui/models/task_table_model.py" line="12" />
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/task_table_model.py" line="13" />
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/task_table_model.py" line="14" />
        <source>Lead</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/task_table_model.py" line="15" />
        <source>Responsible</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/task_table_model.py" line="16" />
        <source>County</source>
        <translation>县区承担</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/models/task_table_model.py" line="56" />
        <source>Yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>UserPrompts</name>
    <message>
        <location filename="../../hpdesk/ui/prompts.py" line="18" />
        <source>Choose the city's table</source>
        <translation>选择市里下发的表格</translation>
    </message>
    <message>
        <location filename="../../hpdesk/ui/prompts.py" line="20" />
        <source>Spreadsheets (*.xlsx *.xls *.ods)</source>
        <translation>表格文件 (*.xlsx *.xls *.ods)</translation>
    </message>
</context>
</TS>