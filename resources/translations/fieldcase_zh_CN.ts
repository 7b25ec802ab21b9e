<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Admin</name>
    <message>
        <source>The check could not run: %1</source>
        <translation>检查未能运行：%1</translation>
    </message>
    <message>
        <source>PROBLEM  %1  %2: %3</source>
        <translation>问题  %1  %2：%3</translation>
    </message>
    <message>
        <source>note     %1</source>
        <translation>提示  %1</translation>
    </message>
    <message>
        <source>Rebuild failed: %1</source>
        <translation>重建失败：%1</translation>
    </message>
    <message>
        <source>Projections rebuilt from the event log.</source>
        <translation>已根据事件日志重建投影数据。</translation>
    </message>
    <message>
        <source>Demo officers registered.</source>
        <translation>示范执法人员已登记。</translation>
    </message>
    <message>
        <source>Data folder of the terminal.</source>
        <translation>终端的数据目录。</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>Machine-readable output.</source>
        <translation>以机器可读格式（JSON）输出。</translation>
    </message>
    <message>
        <source>Do not decrypt and hash evidence files (faster).</source>
        <translation>不解密证据文件、不校验其哈希值（速度更快）。</translation>
    </message>
    <message>
        <source>db check | db rebuild | demo seed | demo case</source>
        <translation>db check | db rebuild | demo seed | demo case</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;. Run fieldcase-admin --help.</source>
        <translation>未知命令“%1”。请运行 fieldcase-admin --help 查看用法。</translation>
    </message>
    <message>
        <source>Plate colour code (JT/T 697.7).</source>
        <translation>号牌颜色代码（JT/T 697.7）。</translation>
    </message>
    <message>
        <source>code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Violation code.</source>
        <translation>违法行为代码。</translation>
    </message>
    <message>
        <source>JSON file with the case facts.</source>
        <translation>记载案件事实的 JSON 文件。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Date of the act (YYYY-MM-DD); default today.</source>
        <translation>违法行为发生日期（YYYY-MM-DD），默认为当天。</translation>
    </message>
    <message>
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Deadline kind.</source>
        <translation>期限类型。</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Start (YYYY-MM-DD or ISO date-time).</source>
        <translation>起算时间（YYYY-MM-DD 或 ISO 日期时间）。</translation>
    </message>
    <message>
        <source>Folder for scenario output files.</source>
        <translation>场景运行输出文件的存放目录。</translation>
    </message>
    <message>
        <source>Trust the bundled demo publisher key (demo and training terminals only).</source>
        <translation>信任随附的示范发布方密钥（仅限示范终端和培训终端）。</translation>
    </message>
    <message>
        <source>Cannot create the data folder %1</source>
        <translation>无法创建数据目录 %1</translation>
    </message>
    <message>
        <source>The reference store cannot be opened</source>
        <translation>无法打开参考数据库</translation>
    </message>
    <message>
        <source>Usage: fieldcase-admin validate id|uscc|org|plate VALUE [--colour CODE]</source>
        <translation>用法：fieldcase-admin validate id|uscc|org|plate VALUE [--colour CODE]</translation>
    </message>
    <message>
        <source>Unknown kind “%1”: use id, uscc, org or plate</source>
        <translation>未知类型“%1”：请使用 id、uscc、org 或 plate</translation>
    </message>
    <message>
        <source>valid: %1</source>
        <translation>有效：%1</translation>
    </message>
    <message>
        <source>invalid: %1</source>
        <translation>无效：%1</translation>
    </message>
    <message>
        <source>Cannot read %1</source>
        <translation>无法读取 %1</translation>
    </message>
    <message>
        <source>Trusted publisher key %1</source>
        <translation>已信任发布方密钥 %1</translation>
    </message>
    <message>
        <source>%1 bundled reference packs imported</source>
        <translation>已导入 %1 个随附的参考数据包</translation>
    </message>
    <message>
        <source>Registry imported: %1 records</source>
        <translation>离线登记库已导入：共 %1 条记录</translation>
    </message>
    <message>
        <source>Imported %1 version %2 (%3)</source>
        <translation>已导入 %1 第 %2 版（%3）</translation>
    </message>
    <message>
        <source>in force</source>
        <translation>现行有效</translation>
    </message>
    <message>
        <source>not in force</source>
        <translation>不在有效期内</translation>
    </message>
    <message>
        <source> [DEMO DATA]</source>
        <translation>（示范数据）</translation>
    </message>
    <message>
        <source>%1 trusted publisher keys; registry exported at %2</source>
        <translation>已信任 %1 个发布方密钥；离线登记库导出时间：%2</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Usage: fieldcase-admin reference trust KEY.pem | import FILE [DATA] | install-bundled [--demo-trust] | status</source>
        <translation>用法：fieldcase-admin reference trust KEY.pem | import FILE [DATA] | install-bundled [--demo-trust] | status</translation>
    </message>
    <message>
        <source>“%1” is not a date (YYYY-MM-DD)</source>
        <translation>“%1”不是有效日期（应为 YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>No violation catalogue is in force on %1</source>
        <translation>%1 没有现行有效的违法行为目录</translation>
    </message>
    <message>
        <source>No violation with code %1</source>
        <translation>没有代码为 %1 的违法行为</translation>
    </message>
    <message>
        <source>Violates: %1</source>
        <translation>违反：%1</translation>
    </message>
    <message>
        <source>Penalty basis: %1</source>
        <translation>处罚依据：%1</translation>
    </message>
    <message>
        <source>The facts file is not a JSON object</source>
        <translation>事实文件的内容不是 JSON 对象</translation>
    </message>
    <message>
        <source>Outcome: %1  Tier: %2  Procedure: %3</source>
        <translation>处理结果：%1  裁量阶次：%2  程序：%3</translation>
    </message>
    <message>
        <source>Band: %1 – %2</source>
        <translation>裁量幅度：%1 – %2</translation>
    </message>
    <message>
        <source>Recommended: %1</source>
        <translation>建议罚款金额：%1</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>注意：%1</translation>
    </message>
    <message>
        <source>Computed with DEMO data, not a real province&apos;s standard.</source>
        <translation>本结果使用示范数据计算，并非真实省份的裁量基准。</translation>
    </message>
    <message>
        <source>%1 is not in the offline registry</source>
        <translation>%1 不在离线登记库中</translation>
    </message>
    <message>
        <source>Usage: fieldcase-admin rules list | show CODE | evaluate --violation CODE --facts FILE.json [--date D] | search TEXT | vehicle PLATE</source>
        <translation>用法：fieldcase-admin rules list | show CODE | evaluate --violation CODE --facts FILE.json [--date D] | search TEXT | vehicle PLATE</translation>
    </message>
    <message>
        <source>Usage: fieldcase-admin deadline --kind KIND --from DATE</source>
        <translation>用法：fieldcase-admin deadline --kind KIND --from DATE</translation>
    </message>
    <message>
        <source>“%1” is not a date or date-time</source>
        <translation>“%1”不是有效的日期或日期时间</translation>
    </message>
    <message>
        <source>Known kinds: %1</source>
        <translation>可用的期限类型：%1</translation>
    </message>
    <message>
        <source>Due: %1 (%2)</source>
        <translation>期限最后一日：%1（%2）</translation>
    </message>
    <message>
        <source>Usage: fieldcase-admin scenario run FILE.json [--out DIR]</source>
        <translation>用法：fieldcase-admin scenario run FILE.json [--out DIR]</translation>
    </message>
    <message>
        <source>The scenario is not a JSON object</source>
        <translation>场景文件的内容不是 JSON 对象</translation>
    </message>
    <message>
        <source>%1 has no “blocks” list</source>
        <translation>%1 中没有“blocks”列表</translation>
    </message>
    <message>
        <source>Block %1 refused: %2</source>
        <translation>号段 %1 被拒绝：%2</translation>
    </message>
    <message>
        <source>%1 number blocks loaded</source>
        <translation>已载入 %1 个文书编号号段</translation>
    </message>
    <message>
        <source>%1  %2  %3 … %4  issued %5, voided %6, unused %7</source>
        <translation>%1  %2  %3 … %4  已开具 %5，已作废 %6，未使用 %7</translation>
    </message>
    <message>
        <source>Usage: fieldcase-admin numbers load FILE.json --installer ID | numbers report</source>
        <translation>用法：fieldcase-admin numbers load FILE.json --installer ID | numbers report</translation>
    </message>
    <message>
        <source>Installer officer id acting (for installer commands).</source>
        <translation>执行操作的安装人员编号（用于安装类命令）。</translation>
    </message>
    <message>
        <source>id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Document template (name or path).</source>
        <translation>文书模板（名称或路径）。</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>JSON file with the document data.</source>
        <translation>记载文书数据的 JSON 文件。</translation>
    </message>
    <message>
        <source>Output format: pdf or escp.</source>
        <translation>输出格式：pdf 或 escp。</translation>
    </message>
    <message>
        <source>format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>ESC/P printer profile (name or path).</source>
        <translation>ESC/P 打印机配置（名称或路径）。</translation>
    </message>
    <message>
        <source>Usage: fieldcase-admin render --template NAME --doc-data FILE.json --format pdf|escp --out FILE [--printer-profile NAME]</source>
        <translation>用法：fieldcase-admin render --template NAME --doc-data FILE.json --format pdf|escp --out FILE [--printer-profile NAME]</translation>
    </message>
    <message>
        <source>The data file is not a JSON object</source>
        <translation>数据文件的内容不是 JSON 对象</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>%1: %2 page(s) written to %3</source>
        <translation>%1：已将 %2 页写入 %3</translation>
    </message>
    <message>
        <source>Cannot rasterise %1 (pdftoppm)</source>
        <translation>无法将 %1 转换为图像（pdftoppm）</translation>
    </message>
    <message>
        <source>%1 is not a readable image or PDF</source>
        <translation>%1 不是可读取的图像或 PDF 文件</translation>
    </message>
    <message>
        <source>Usage: fieldcase-admin gnss watch URI [--seconds N] [--json]</source>
        <translation>用法：fieldcase-admin gnss watch URI [--seconds N] [--json]</translation>
    </message>
    <message>
        <source>%1  %2, %3  %4 satellites  HDOP %5  %6</source>
        <translation>%1  %2, %3  %4 颗卫星  HDOP %5  %6</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>采信</translation>
    </message>
    <message>
        <source>rejected: %1</source>
        <translation>不采信：%1</translation>
    </message>
    <message>
        <source>%1 fixes in %2 s, %3 usable; %4 sentences, %5 checksum errors, %6 without checksum, %7 garbage bytes</source>
        <translation>%2 秒内 %1 个定位，%3 个可用；%4 条语句，%5 个校验和错误，%6 条无校验和，%7 个无效字节</translation>
    </message>
    <message>
        <source>No position data arrived from %1.</source>
        <translation>未从 %1 收到定位数据。</translation>
    </message>
    <message>
        <source>n</source>
        <translation>秒数</translation>
    </message>
    <message>
        <source>[SIMULATED]</source>
        <translation>[模拟]</translation>
    </message>
    <message>
        <source>%1  %2  %3%4</source>
        <translation>%1  %2  %3%4</translation>
    </message>
    <message>
        <source>Usage: fieldcase-admin devices list|probe|test [SLOT|KIND ...] [--profile NAME|FILE] [--seconds N] [--json]</source>
        <translation>用法：fieldcase-admin devices list|probe|test [SLOT|KIND ...] [--profile NAME|FILE] [--seconds N] [--json]</translation>
    </message>
    <message>
        <source>Plugins:</source>
        <translation>插件：</translation>
    </message>
    <message>
        <source>REFUSED %1: %2</source>
        <translation>拒绝加载 %1：%2</translation>
    </message>
    <message>
        <source>Profile %1 (%2):</source>
        <translation>设备配置 %1（%2）：</translation>
    </message>
    <message>
        <source>%1  NOT AVAILABLE: %2</source>
        <translation>%1  不可用：%2</translation>
    </message>
    <message>
        <source>The self-test finished in time</source>
        <translation>自检在规定时间内完成</translation>
    </message>
    <message>
        <source>No answer from the plugin</source>
        <translation>插件无响应</translation>
    </message>
    <message>
        <source>PASS</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>未通过</translation>
    </message>
    <message>
        <source>How long to listen to the GNSS receiver, or to wait for a device.</source>
        <translation>监听定位接收机或等待设备的时长（秒）。</translation>
    </message>
    <message>
        <source>Device profile: demo, vehicle-kit, handheld or a file (default: the terminal&apos;s).</source>
        <translation>设备配置：demo、vehicle-kit、handheld 或配置文件（默认使用本终端的设备配置）。</translation>
    </message>
    <message>
        <source>The centre&apos;s sync address (https://host:port).</source>
        <translation>中心的同步地址（https://主机:端口）。</translation>
    </message>
    <message>
        <source>url</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>The centre&apos;s enrolment address, if not the sync address.</source>
        <translation>中心的注册地址（与同步地址不同时填写）。</translation>
    </message>
    <message>
        <source>The provincial centre&apos;s CA certificate (PEM).</source>
        <translation>省级中心的 CA 证书（PEM）。</translation>
    </message>
    <message>
        <source>One-time enrolment token from the centre.</source>
        <translation>中心签发的一次性注册令牌。</translation>
    </message>
    <message>
        <source>token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>The link is metered (3G/4G): audio and video wait unless the policy allows them.</source>
        <translation>当前为计流量链路（3G/4G）：除非策略允许，音视频暂不上传。</translation>
    </message>
    <message>
        <source>records</source>
        <translation>案件记录</translation>
    </message>
    <message>
        <source>manifests</source>
        <translation>证据清单</translation>
    </message>
    <message>
        <source>photos and documents</source>
        <translation>照片和文书</translation>
    </message>
    <message>
        <source>audio and video</source>
        <translation>音视频</translation>
    </message>
    <message>
        <source>Usage: fieldcase-admin sync enrol --centre URL [--enrol-url URL] --ca FILE --token TOKEN [--installer ID]</source>
        <translation>用法：fieldcase-admin sync enrol --centre 地址 [--enrol-url 地址] --ca 文件 --token 令牌 [--installer 编号]</translation>
    </message>
    <message>
        <source>Enrolled with %1 as terminal %2 of %3; certificate valid until %4.</source>
        <translation>已在 %1 注册为 %3 的终端 %2；证书有效期至 %4。</translation>
    </message>
    <message>
        <source>Centre: %1 (unit %2); certificate valid until %3</source>
        <translation>中心：%1（单位 %2）；证书有效期至 %3</translation>
    </message>
    <message>
        <source>The terminal&apos;s certificate has expired: the centre will refuse it. Ask the centre for a new enrolment token and enrol again.</source>
        <translation>本终端证书已过期，中心将拒绝连接。请向中心申请新的注册令牌并重新注册。</translation>
    </message>
    <message>
        <source>Last complete sync: %1</source>
        <translation>最近一次完整同步：%1</translation>
    </message>
    <message>
        <source>%1: %2 waiting (%3 bytes, oldest %4), %5 refused, %6 sent</source>
        <translation>%1：待发送 %2 项（%3 字节，最早 %4），被拒 %5 项，已发送 %6 项</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>被拒</translation>
    </message>
    <message>
        <source>failing</source>
        <translation>发送失败</translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s), last %1</source>
        <translation>
            <numerusform>已尝试 %n 次，最近 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Last cycle: %1</source>
        <translation>上次同步：%1</translation>
    </message>
    <message>
        <source>Events: %1 accepted, %2 already at the centre, %3 refused. Pulled: %4 (%5 refused). Evidence: %6 uploaded (%7 bytes sent). Number blocks: %8.</source>
        <translation>事件：中心接收 %1 条，中心已有 %2 条，被拒 %3 条。下行：%4 条（被拒 %5 条）。证据：上传 %6 个（发送 %7 字节）。文书编号段：%8 个。</translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation>问题：%1</translation>
    </message>
    <message>
        <source>%1 %2 will be sent again in the next sync.</source>
        <translation>%1 %2 将在下次同步时重新发送。</translation>
    </message>
    <message>
        <source>FieldCase installer and operator tool. Commands (docs/cli.md):
  db check | db rebuild
  demo seed | demo case
  validate id|uscc|org|plate VALUE [--colour C]
  reference trust KEY.pem | import FILE [DATA] | install-bundled [--demo-trust] | status
  rules list | rules show CODE | rules evaluate --violation CODE --facts FILE.json [--date D] | rules search TEXT | rules vehicle PLATE
  deadline --kind KIND --from DATE
  scenario run FILE.json [--out DIR]
  numbers load FILE.json [--installer ID] | numbers report
  render --template NAME --doc-data FILE.json --format pdf|escp --out FILE
  verify-document IMAGE_OR_PDF
  gnss watch URI [--seconds N]
  devices list|probe|test [SLOT|KIND ...] [--profile NAME|FILE] [--seconds N]
  sync enrol --centre URL [--enrol-url URL] --ca FILE --token T [--installer ID]
  sync status | sync now [--metered] | sync retry event|blob|pack REF</source>
        <translation>FieldCase 安装调试与运维工具。命令（见 docs/cli.md）：
  db check | db rebuild
  demo seed | demo case
  validate id|uscc|org|plate 值 [--colour 颜色]
  reference trust 公钥.pem | import 文件 [数据] | install-bundled [--demo-trust] | status
  rules list | rules show 代码 | rules evaluate --violation 代码 --facts 文件.json [--date 日期] | rules search 文本 | rules vehicle 号牌
  deadline --kind 类型 --from 日期
  scenario run 文件.json [--out 目录]
  numbers load 文件.json [--installer 编号] | numbers report
  render --template 名称 --doc-data 文件.json --format pdf|escp --out 文件
  verify-document 图片或PDF
  gnss watch URI [--seconds 秒数]
  devices list|probe|test [槽位|类型 ...] [--profile 名称|文件] [--seconds 秒数]
  sync enrol --centre URL [--enrol-url URL] --ca 文件 --token 令牌 [--installer 编号]
  sync status | sync now [--metered] | sync retry event|blob|pack 标识</translation>
    </message>
    <message>
        <source>The centre asked not to be contacted before %1.</source>
        <translation>中心要求在 %1 之前不要连接。</translation>
    </message>
    <message numerus="yes">
        <source>Reference packs: %n installed, last checked with the centre %1</source>
        <translation>
            <numerusform>基础数据包：已安装 %n 个，最近一次与中心核对：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>The centre asked for a reference pack update; it is done in the next sync.</source>
        <translation>中心要求更新基础数据包，将在下次同步时进行。</translation>
    </message>
    <message>
        <source>pack %1 version %2 — %3 (%4); not downloaded again until the centre publishes a newer version or: fieldcase-admin sync retry pack %1</source>
        <translation>数据包 %1 版本 %2 — %3（%4）；在中心发布更新版本或执行 fieldcase-admin sync retry pack %1 之前不再下载</translation>
    </message>
    <message>
        <source>Reference packs: %1 installed, %2 unchanged, %3 refused.</source>
        <translation>基础数据包：安装 %1 个，无变化 %2 个，拒绝 %3 个。</translation>
    </message>
    <message>
        <source>No refused version of pack %1 is held</source>
        <translation>没有被拒绝而挂起的数据包 %1 版本</translation>
    </message>
    <message>
        <source>Pack %1 will be downloaded again in the next sync.</source>
        <translation>数据包 %1 将在下次同步时重新下载。</translation>
    </message>
    <message>
        <source>Usage: fieldcase-admin sync enrol|status|now|retry event|blob|pack REF</source>
        <translation>用法：fieldcase-admin sync enrol|status|now|retry event|blob|pack 标识</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>No device profile &quot;%1&quot;: give a file, or one of demo, vehicle-kit, handheld</source>
        <translation>没有设备配置“%1”：请指定配置文件，或使用 demo、vehicle-kit、handheld 之一</translation>
    </message>
</context>
<context>
    <name>Centre</name>
    <message>
        <source>No centre in %1: run fieldcase-centre init first</source>
        <translation>%1 中没有中心数据：请先运行 fieldcase-centre init</translation>
    </message>
    <message>
        <source>init needs --tls-cert, --tls-key, --client-ca, --terminal-ca-cert and --terminal-ca-key (existing PEM files)</source>
        <translation>init 需要 --tls-cert、--tls-key、--client-ca、--terminal-ca-cert 和 --terminal-ca-key（均为已存在的 PEM 文件）</translation>
    </message>
    <message>
        <source>Cannot create %1</source>
        <translation>无法创建 %1</translation>
    </message>
    <message>
        <source>Provincial centre</source>
        <translation>省级中心</translation>
    </message>
    <message>
        <source>Centre ready in %1; start it with: fieldcase-centre serve --data %1</source>
        <translation>中心已在 %1 中准备就绪；启动命令：fieldcase-centre serve --data %1</translation>
    </message>
    <message>
        <source>Unit %1 saved</source>
        <translation>单位 %1 已保存</translation>
    </message>
    <message>
        <source>Unknown role &quot;%1&quot; (officer, supervisor, installer)</source>
        <translation>未知角色“%1”（可用：officer 执法人员、supervisor 审核人、installer 安装调试）</translation>
    </message>
    <message>
        <source>Officer %1 saved</source>
        <translation>执法人员 %1 已保存</translation>
    </message>
    <message>
        <source>Number series %1 %2 saved</source>
        <translation>编号序列 %1 %2 已保存</translation>
    </message>
    <message>
        <source>Cannot read %1</source>
        <translation>无法读取 %1</translation>
    </message>
    <message>
        <source>Pack %1 version %2 published</source>
        <translation>数据包 %1 版本 %2 已发布</translation>
    </message>
    <message>
        <source>Command %1 queued for %2 as %3</source>
        <translation>已为终端 %2 排队指令 %1（编号 %3）</translation>
    </message>
    <message>
        <source>FieldCase reference provincial centre.
  init --tls-cert F --tls-key F --client-ca F --terminal-ca-cert F --terminal-ca-key F
  serve
  admin …</source>
        <translation>FieldCase 参考省级中心。
  init --tls-cert 文件 --tls-key 文件 --client-ca 文件 --terminal-ca-cert 文件 --terminal-ca-key 文件
  serve
  admin …</translation>
    </message>
    <message>
        <source>The centre&apos;s folder.</source>
        <translation>中心数据目录。</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>Machine-readable output.</source>
        <translation>以机器可读格式（JSON）输出。</translation>
    </message>
    <message>
        <source>The centre&apos;s TLS certificate (PEM).</source>
        <translation>中心的 TLS 证书（PEM）。</translation>
    </message>
    <message>
        <source>The centre&apos;s TLS key (PEM).</source>
        <translation>中心的 TLS 私钥（PEM）。</translation>
    </message>
    <message>
        <source>CA whose certificates terminals present.</source>
        <translation>终端所出示证书的签发 CA。</translation>
    </message>
    <message>
        <source>CA that signs terminal certificates at enrolment.</source>
        <translation>注册时为终端签发证书的 CA。</translation>
    </message>
    <message>
        <source>Its private key.</source>
        <translation>该 CA 的私钥。</translation>
    </message>
    <message>
        <source>Unit id.</source>
        <translation>单位编号。</translation>
    </message>
    <message>
        <source>Officer ids, comma-separated.</source>
        <translation>执法人员编号，以逗号分隔。</translation>
    </message>
    <message>
        <source>Validity in hours.</source>
        <translation>有效期（小时）。</translation>
    </message>
    <message>
        <source>Roles, comma-separated.</source>
        <translation>角色，以逗号分隔。</translation>
    </message>
    <message>
        <source>Enforcement certificate number.</source>
        <translation>执法证号。</translation>
    </message>
    <message>
        <source>First sequence number.</source>
        <translation>起始序号。</translation>
    </message>
    <message>
        <source>Pack id.</source>
        <translation>数据包编号。</translation>
    </message>
    <message>
        <source>Pack kind.</source>
        <translation>数据包类型。</translation>
    </message>
    <message>
        <source>Pack version.</source>
        <translation>数据包版本。</translation>
    </message>
    <message>
        <source>Address to listen on.</source>
        <translation>监听地址。</translation>
    </message>
    <message>
        <source>address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Sync port (mutual TLS).</source>
        <translation>同步端口（双向 TLS）。</translation>
    </message>
    <message>
        <source>port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Enrolment port (server TLS).</source>
        <translation>注册端口（服务器单向 TLS）。</translation>
    </message>
    <message>
        <source>Unknown command. Run fieldcase-centre --help.</source>
        <translation>未知命令。请运行 fieldcase-centre --help。</translation>
    </message>
    <message>
        <source>The file is pack %1 (%2) version %3, not %4 (%5) version %6</source>
        <translation>该文件是数据包 %1（%2）版本 %3，而不是 %4（%5）版本 %6</translation>
    </message>
    <message>
        <source>Usage: fieldcase-centre admin unit add ID NAME | officer add ID NAME --unit U [--roles R,R] [--cert-no N] | token create --unit U [--officers A,B] [--hours H] | series add DOCTYPE YEAR PATTERN [--first N] | pack publish FILE [--id ID] [--kind K] [--version V] | command TERMINAL lock|unlock|config|pack-update | terminals | units</source>
        <translation>用法：fieldcase-centre admin unit add 编号 名称 | officer add 编号 姓名 --unit 单位 [--roles 角色,角色] [--cert-no 证号] | token create --unit 单位 [--officers 甲,乙] [--hours 小时] | series add 文书类型 年度 格式 [--first 起始号] | pack publish 文件 [--id 编号] [--kind 类型] [--version 版本] | command 终端 lock|unlock|config|pack-update | terminals | units</translation>
    </message>
</context>
<context>
    <name>CoreText</name>
    <message>
        <source>This database was written by a newer version of FieldCase (schema %1; this version knows up to %2). Install the newer version; this one will not open or change it.</source>
        <translation>此数据库由更新版本的 FieldCase 写入（数据结构版本 %1；本版本最高支持 %2）。请安装更新版本；本版本不会打开或修改该数据库。</translation>
    </message>
    <message>
        <source>Migrations are not numbered 1, 2, 3…</source>
        <translation>数据库升级步骤未按 1、2、3…… 连续编号</translation>
    </message>
    <message>
        <source>Schema migration %1 (%2) failed</source>
        <translation>数据库结构升级第 %1 步（%2）失败</translation>
    </message>
    <message>
        <source>Could not bind a query parameter</source>
        <translation>无法绑定查询参数</translation>
    </message>
    <message>
        <source>Database statement failed</source>
        <translation>数据库语句执行失败</translation>
    </message>
    <message>
        <source>The database file does not exist</source>
        <translation>数据库文件不存在</translation>
    </message>
    <message>
        <source>The database path is not a regular file</source>
        <translation>数据库路径指向的不是普通文件</translation>
    </message>
    <message>
        <source>Could not open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>The database file is damaged or is not a FieldCase database</source>
        <translation>数据库文件已损坏，或不是 FieldCase 数据库</translation>
    </message>
    <message>
        <source>Could not switch the database to WAL mode</source>
        <translation>无法将数据库切换为 WAL 模式</translation>
    </message>
    <message>
        <source>Database command failed</source>
        <translation>数据库命令执行失败</translation>
    </message>
    <message>
        <source>Could not prepare a database statement</source>
        <translation>无法准备数据库语句</translation>
    </message>
    <message>
        <source>Query returned no rows</source>
        <translation>查询未返回任何记录</translation>
    </message>
    <message>
        <source>The database file is damaged (integrity check failed)</source>
        <translation>数据库文件已损坏（完整性检查未通过）</translation>
    </message>
    <message>
        <source>Transaction already finished</source>
        <translation>数据库事务已结束</translation>
    </message>
    <message>
        <source>Malformed event: %1</source>
        <translation>事件记录格式错误：%1</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>布尔值（true 或 false）</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>a 64-character lowercase hex digest</source>
        <translation>由 64 个小写十六进制字符组成的摘要值</translation>
    </message>
    <message>
        <source>an identifier (1–64 of A–Z a–z 0–9 . _ : -)</source>
        <translation>标识符（1–64 个字符，仅限 A–Z a–z 0–9 . _ : -）</translation>
    </message>
    <message>
        <source>one of the allowed values</source>
        <translation>允许的取值之一</translation>
    </message>
    <message>
        <source>Unknown field “%1” in %2</source>
        <translation>%2 中有未知字段“%1”</translation>
    </message>
    <message>
        <source>Required field “%1” is missing in %2</source>
        <translation>%2 缺少必填字段“%1”</translation>
    </message>
    <message>
        <source>one of: </source>
        <translation>以下取值之一：</translation>
    </message>
    <message>
        <source>Field “%1” in %2 must be %3</source>
        <translation>%2 中的字段“%1”必须为%3</translation>
    </message>
    <message>
        <source>Could not read a key file</source>
        <translation>无法读取密钥文件</translation>
    </message>
    <message>
        <source>No data directory was given</source>
        <translation>未指定数据目录</translation>
    </message>
    <message>
        <source>Could not create the data directory</source>
        <translation>无法创建数据目录</translation>
    </message>
    <message>
        <source>The store&apos;s settings are unreadable</source>
        <translation>无法读取案件库的设置</translation>
    </message>
    <message>
        <source>The terminal key is missing or unreadable; restore it from the provisioning backup or re-enrol the terminal</source>
        <translation>终端密钥缺失或无法读取；请从终端初始配置时的备份中恢复密钥，或重新注册本终端</translation>
    </message>
    <message>
        <source>The terminal key file is damaged</source>
        <translation>终端密钥文件已损坏</translation>
    </message>
    <message>
        <source>The evidence storage key is missing or damaged; evidence cannot be read without it</source>
        <translation>证据存储密钥缺失或已损坏；没有该密钥将无法读取证据</translation>
    </message>
    <message>
        <source>An officer needs an id, a name and at least one role</source>
        <translation>执法人员须有编号、姓名，并至少具有一个角色</translation>
    </message>
    <message>
        <source>Unknown officer</source>
        <translation>未知的执法人员</translation>
    </message>
    <message>
        <source>A different key is already registered for this terminal</source>
        <translation>本终端已登记了另一个不同的密钥</translation>
    </message>
    <message>
        <source>No officer is named for “%1”</source>
        <translation>“%1”未指明办理的执法人员</translation>
    </message>
    <message>
        <source>The %1 role may not do “%2”</source>
        <translation>%1 角色无权办理“%2”</translation>
    </message>
    <message>
        <source>Officer %1 is named twice</source>
        <translation>执法人员 %1 被重复列入</translation>
    </message>
    <message>
        <source>Officer %1 is not registered on this terminal</source>
        <translation>执法人员 %1 未在本终端登记</translation>
    </message>
    <message>
        <source>Officer %1 is deactivated</source>
        <translation>执法人员 %1 已被停用</translation>
    </message>
    <message>
        <source>Officer %1 does not hold the %2 role</source>
        <translation>执法人员 %1 不具有 %2 角色</translation>
    </message>
    <message>
        <source>“%1” needs at least %2 officers acting together (%3)</source>
        <translation>“%1”须由至少 %2 名执法人员共同办理（依据%3）</translation>
    </message>
    <message>
        <source>Unknown event type “%1”</source>
        <translation>未知的事件类型“%1”</translation>
    </message>
    <message>
        <source>A case id must be a UUIDv7</source>
        <translation>案件编号必须为 UUIDv7 格式</translation>
    </message>
    <message>
        <source>This case is already open</source>
        <translation>该案件已创建，不能重复创建</translation>
    </message>
    <message>
        <source>There is no case with this id</source>
        <translation>没有该编号的案件</translation>
    </message>
    <message>
        <source>An unfinished copy of this file is in the evidence store; attach it again from a file</source>
        <translation>证据库中存有该文件未保存完成的副本；请重新从原文件添加该证据</translation>
    </message>
    <message>
        <source>Evidence orphan was not replaced</source>
        <translation>未能替换遗留的孤立证据文件</translation>
    </message>
    <message>
        <source>No such evidence file</source>
        <translation>找不到该证据文件</translation>
    </message>
    <message>
        <source>Unknown cipher in the evidence manifest</source>
        <translation>证据清单中记录了未知的加密算法</translation>
    </message>
    <message>
        <source>The evidence file key cannot be unwrapped</source>
        <translation>无法解封证据文件的加密密钥</translation>
    </message>
    <message>
        <source>an event with this id but different content is already stored</source>
        <translation>已存有一条编号相同但内容不同的事件记录</translation>
    </message>
    <message>
        <source>unknown event type %1</source>
        <translation>未知的事件类型 %1</translation>
    </message>
    <message>
        <source>unsupported schema version %1 of %2</source>
        <translation>不支持的 %2 数据结构版本 %1</translation>
    </message>
    <message>
        <source>needs %1 officers acting together</source>
        <translation>须由 %1 名执法人员共同办理</translation>
    </message>
    <message>
        <source>the %1 role may not do %2</source>
        <translation>%1 角色无权办理 %2</translation>
    </message>
    <message>
        <source>unknown terminal %1 (no registered key)</source>
        <translation>未知终端 %1（没有已登记的密钥）</translation>
    </message>
    <message>
        <source>the registered key of terminal %1 is unreadable</source>
        <translation>终端 %1 已登记的密钥无法读取</translation>
    </message>
    <message>
        <source>hash mismatch: the event content was altered</source>
        <translation>哈希值不符：事件内容已被改动</translation>
    </message>
    <message>
        <source>bad signature: not signed by terminal %1</source>
        <translation>签名无效：并非由终端 %1 签名</translation>
    </message>
    <message>
        <source>chain gap: expected position %1 of this terminal&apos;s chain, got %2</source>
        <translation>记录链断档：本终端记录链应为第 %1 条，实际为第 %2 条</translation>
    </message>
    <message>
        <source>chain break: previous hash does not match</source>
        <translation>记录链断裂：前一条记录的哈希值不符</translation>
    </message>
    <message>
        <source>Records cannot be deleted; void or correct them instead</source>
        <translation>记录不能删除；如有错误，请作废或更正</translation>
    </message>
    <message>
        <source>No such event</source>
        <translation>找不到该事件记录</translation>
    </message>
    <message>
        <source>hash mismatch (content altered)</source>
        <translation>哈希值不符（内容已被改动）</translation>
    </message>
    <message>
        <source>no usable key for terminal %1</source>
        <translation>终端 %1 没有可用的密钥</translation>
    </message>
    <message>
        <source>signature invalid</source>
        <translation>签名无效</translation>
    </message>
    <message>
        <source>unknown type %1</source>
        <translation>未知类型 %1</translation>
    </message>
    <message>
        <source>gap in the chain of terminal %1 in case %2: expected position %3, found %4</source>
        <translation>案件 %2 中终端 %1 的记录链断档：应为第 %3 条，实际为第 %4 条</translation>
    </message>
    <message>
        <source>previous-hash link broken at position %1 of terminal %2 in case %3</source>
        <translation>案件 %3 中终端 %2 的记录链在第 %1 条处断裂（与前一条记录的哈希值不符）</translation>
    </message>
    <message>
        <source>audit #%1</source>
        <translation>审计日志第 %1 条</translation>
    </message>
    <message>
        <source>gap: expected #%1</source>
        <translation>断档：应为第 %1 条</translation>
    </message>
    <message>
        <source>previous-hash link broken</source>
        <translation>与前一条记录的哈希链接断裂</translation>
    </message>
    <message>
        <source>hash mismatch (entry altered)</source>
        <translation>哈希值不符（该条记录已被改动）</translation>
    </message>
    <message>
        <source>event %1 names an evidence file that has no manifest entry</source>
        <translation>事件 %1 引用的证据文件在证据清单中没有记录</translation>
    </message>
    <message>
        <source>%1 evidence files are not referenced by any manifest entry (left by an interrupted import; harmless)</source>
        <translation>有 %1 个证据文件未被证据清单引用（系导入中断时遗留，不影响使用）</translation>
    </message>
    <message>
        <source>Could not create a scratch folder for the check</source>
        <translation>无法为检查创建临时目录</translation>
    </message>
    <message>
        <source>%1 events in %2 chains, %3 cases, %4 audit entries, %5 evidence files (%6 bytes): </source>
        <translation>共 %1 条事件记录（%2 条记录链）、%3 个案件、%4 条审计日志、%5 个证据文件（%6 字节）：</translation>
    </message>
    <message>
        <source>%1 PROBLEMS</source>
        <translation>发现 %1 个问题</translation>
    </message>
    <message>
        <source>The case is already open</source>
        <translation>该案件已创建，不能重复创建</translation>
    </message>
    <message>
        <source>Event has an unknown role</source>
        <translation>事件记录中的角色未知</translation>
    </message>
    <message>
        <source>Event payload is not a JSON object</source>
        <translation>事件内容不是 JSON 对象</translation>
    </message>
    <message>
        <source>Event has an unknown hash algorithm</source>
        <translation>事件记录使用了未知的哈希算法</translation>
    </message>
    <message>
        <source>Could not open a folder to flush it</source>
        <translation>无法打开目录以将其写入磁盘</translation>
    </message>
    <message>
        <source>Could not flush a folder to disk</source>
        <translation>无法将目录写入磁盘</translation>
    </message>
    <message>
        <source>Could not create a file</source>
        <translation>无法创建文件</translation>
    </message>
    <message>
        <source>Could not write a file</source>
        <translation>无法写入文件</translation>
    </message>
    <message>
        <source>Could not flush a file to disk</source>
        <translation>无法将文件写入磁盘</translation>
    </message>
    <message>
        <source>Could not move a file into place</source>
        <translation>无法将文件移动到目标位置</translation>
    </message>
    <message>
        <source>The case is closed; only notes can be added</source>
        <translation>该案件已结案，只能添加备注。</translation>
    </message>
    <message>
        <source>The case was transferred to another unit; only notes can be added</source>
        <translation>该案件已移送其他单位，只能添加备注。</translation>
    </message>
    <message>
        <source>%1 rows that a rebuild from the log does not produce</source>
        <translation>有 %1 行数据无法由事件日志重建得出</translation>
    </message>
    <message>
        <source>%1 rows missing compared with a rebuild from the log</source>
        <translation>与事件日志重建结果相比缺少 %1 行数据</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>The position&apos;s latitude %1 is outside -90…90</source>
        <translation>定位纬度 %1 超出 -90…90 的范围</translation>
    </message>
    <message>
        <source>The position&apos;s longitude %1 is outside -180…180</source>
        <translation>定位经度 %1 超出 -180…180 的范围</translation>
    </message>
    <message>
        <source>The position&apos;s accuracy is negative</source>
        <translation>定位精度不能为负数</translation>
    </message>
    <message>
        <source>The holiday calendar is malformed at %1: %2</source>
        <translation>节假日日历格式错误（位置：%1）：%2</translation>
    </message>
    <message>
        <source>unknown field “%1”</source>
        <translation>未知字段“%1”</translation>
    </message>
    <message>
        <source>a date (YYYY-MM-DD) is required</source>
        <translation>须填写日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>“%1” is not a date (YYYY-MM-DD)</source>
        <translation>“%1”不是有效日期（应为 YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>a non-empty text is required</source>
        <translation>须填写非空文本</translation>
    </message>
    <message>
        <source>a list is required</source>
        <translation>须为列表</translation>
    </message>
    <message>
        <source>an object is required</source>
        <translation>须为对象</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>星期六</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>星期日</translation>
    </message>
    <message>
        <source>weekday</source>
        <translation>平日（周一至周五）</translation>
    </message>
    <message>
        <source>at least one year is required</source>
        <translation>至少须列出一个年份</translation>
    </message>
    <message>
        <source>a year between 1949 and 2200 is required</source>
        <translation>年份须在 1949 至 2200 之间</translation>
    </message>
    <message>
        <source>the year %1 is listed twice</source>
        <translation>年份 %1 被重复列出</translation>
    </message>
    <message>
        <source>true or false is required</source>
        <translation>须为 true 或 false</translation>
    </message>
    <message>
        <source>at least one holiday is required</source>
        <translation>至少须列出一个节假日</translation>
    </message>
    <message>
        <source>%1 is before the first day %2</source>
        <translation>%1 早于首日 %2</translation>
    </message>
    <message>
        <source>%1 is not in %2; list it under its own year</source>
        <translation>%1 不属于 %2 年；请将其列在所属年份下</translation>
    </message>
    <message>
        <source>%1 is already a day of %2</source>
        <translation>%1 已是%2假期中的一天</translation>
    </message>
    <message>
        <source>%1 is a %2; a make-up working day is always a Saturday or Sunday</source>
        <translation>%1 是%2；调休上班日只能是星期六或星期日</translation>
    </message>
    <message>
        <source>%1 is listed both as a holiday (%2) and as a make-up working day</source>
        <translation>%1 同时被列为节假日（%2）和调休上班日</translation>
    </message>
    <message>
        <source>%1 is listed twice as a make-up working day</source>
        <translation>%1 被重复列为调休上班日</translation>
    </message>
    <message>
        <source>The holiday calendar does not cover %1 (it covers %2); import a calendar pack for that year.</source>
        <translation>节假日日历未涵盖 %1 年（仅涵盖 %2）；请导入该年度的日历数据包。</translation>
    </message>
    <message>
        <source>The date is not valid.</source>
        <translation>日期无效。</translation>
    </message>
    <message>
        <source>The start date is not valid.</source>
        <translation>起算日期无效。</translation>
    </message>
    <message>
        <source>%1 working days is out of range.</source>
        <translation>%1 个工作日超出可计算范围。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a whole number ≥ 0</source>
        <translation>“%1”必须为大于或等于 0 的整数</translation>
    </message>
    <message>
        <source>Missing &quot;%1&quot;</source>
        <translation>缺少“%1”</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a multiple ≥ 0</source>
        <translation>“%1”必须为大于或等于 0 的倍数</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has more than three decimals</source>
        <translation>“%1”的小数超过三位</translation>
    </message>
    <message>
        <source>Missing text &quot;%1&quot;</source>
        <translation>缺少文本字段“%1”</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a date (YYYY-MM-DD)</source>
        <translation>“%1”必须为日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>A legal reference must be an object</source>
        <translation>法律依据必须为对象</translation>
    </message>
    <message>
        <source>Unknown law &quot;%1&quot;; add it to &quot;laws&quot;</source>
        <translation>未知法律“%1”；请将其添加到“laws”中</translation>
    </message>
    <message>
        <source>At least one legal reference is required</source>
        <translation>至少须有一项法律依据</translation>
    </message>
    <message>
        <source>Unknown fact &quot;%1&quot; in a condition</source>
        <translation>条件中有未知事实“%1”</translation>
    </message>
    <message>
        <source>Unknown penalty kind &quot;%1&quot;</source>
        <translation>未知处罚种类“%1”</translation>
    </message>
    <message>
        <source>A fallback may only hold fine ranges</source>
        <translation>“fallback”中只能包含罚款幅度</translation>
    </message>
    <message>
        <source>A penalty of kind &quot;other&quot; needs a label</source>
        <translation>种类为“other”的处罚须有名称（label）</translation>
    </message>
    <message>
        <source>&quot;party&quot; must be person or organisation</source>
        <translation>“party”必须为 person 或 organisation</translation>
    </message>
    <message>
        <source>A fine needs 0 ≤ minFen ≤ maxFen and maxFen &gt; 0</source>
        <translation>罚款须满足 0 ≤ minFen ≤ maxFen 且 maxFen &gt; 0</translation>
    </message>
    <message>
        <source>Multiples need 0 ≤ minMultiple ≤ maxMultiple</source>
        <translation>倍数须满足 0 ≤ minMultiple ≤ maxMultiple</translation>
    </message>
    <message>
        <source>Multiples of gains need a &quot;fallback&quot; range for no or low gains</source>
        <translation>按违法所得倍数处罚的，须为没有违法所得或违法所得较少的情形设定“fallback”罚款幅度</translation>
    </message>
    <message>
        <source>An overlimit penalty needs the pack&apos;s &quot;overlimit&quot; section</source>
        <translation>超限处罚要求数据包包含“overlimit”部分</translation>
    </message>
    <message>
        <source>noPenaltyUnderAge is above mitigateUnderAge</source>
        <translation>noPenaltyUnderAge 大于 mitigateUnderAge</translation>
    </message>
    <message>
        <source>&quot;mitigation.reducedMayGoBelowStatutoryMinimum&quot; must be true or false</source>
        <translation>“mitigation.reducedMayGoBelowStatutoryMinimum”必须为 true 或 false</translation>
    </message>
    <message>
        <source>&quot;level&quot; must be minor, ordinary, serious or severe</source>
        <translation>“level”必须为 minor、ordinary、serious 或 severe</translation>
    </message>
    <message>
        <source>A tier needs a &quot;label&quot; and a &quot;description&quot;</source>
        <translation>裁量阶次须有“label”和“description”</translation>
    </message>
    <message>
        <source>&quot;recommend&quot; must be min, mid, max or fixed</source>
        <translation>“recommend”必须为 min、mid、max 或 fixed</translation>
    </message>
    <message>
        <source>The band&apos;s minimum is above its maximum</source>
        <translation>裁量幅度的下限高于上限</translation>
    </message>
    <message>
        <source>&quot;fixedFen&quot; lies outside the band</source>
        <translation>“fixedFen”超出裁量幅度</translation>
    </message>
    <message>
        <source>The gains band&apos;s minimum is above its maximum</source>
        <translation>违法所得倍数幅度（gainsBand）的下限高于上限</translation>
    </message>
    <message>
        <source>&quot;fixedMultiple&quot; lies outside the gains band</source>
        <translation>“fixedMultiple”超出违法所得倍数幅度</translation>
    </message>
    <message>
        <source>A tier needs a &quot;band&quot; or a &quot;gainsBand&quot;</source>
        <translation>裁量阶次须有“band”或“gainsBand”</translation>
    </message>
    <message>
        <source>The band %1–%2 lies outside the statutory range %3–%4</source>
        <translation>裁量幅度 %1–%2 超出法定幅度 %3–%4</translation>
    </message>
    <message>
        <source>A gains band for a violation without multiples</source>
        <translation>该违法行为不按违法所得倍数处罚，却设定了违法所得倍数幅度（gainsBand）</translation>
    </message>
    <message>
        <source>A condition must be an object</source>
        <translation>条件必须为对象</translation>
    </message>
    <message>
        <source>&quot;all&quot;/&quot;any&quot; need a list of conditions</source>
        <translation>“all”/“any”须为条件列表</translation>
    </message>
    <message>
        <source>A condition has exactly one of all, any, not or fact</source>
        <translation>一个条件必须且只能包含 all、any、not、fact 中的一项</translation>
    </message>
    <message>
        <source>Unknown condition</source>
        <translation>未知条件</translation>
    </message>
    <message>
        <source>A comparison needs a &quot;fact&quot; name</source>
        <translation>比较条件须指明“fact”名称</translation>
    </message>
    <message>
        <source>Unknown operator &quot;%1&quot;</source>
        <translation>未知运算符“%1”</translation>
    </message>
    <message>
        <source>&quot;in&quot; needs a non-empty list value</source>
        <translation>“in”的值须为非空列表</translation>
    </message>
    <message>
        <source>An ordering comparison needs a number</source>
        <translation>大小比较须使用数字</translation>
    </message>
    <message>
        <source>&quot;==&quot;/&quot;!=&quot; need a number, text or true/false</source>
        <translation>“==”/“!=”的值须为数字、文本或 true/false</translation>
    </message>
    <message>
        <source>The fact &quot;%1&quot; has the wrong type for its condition</source>
        <translation>事实“%1”的类型与其条件不符</translation>
    </message>
    <message>
        <source>The fact &quot;%1&quot; must be a number for its condition</source>
        <translation>事实“%1”在其条件中必须为数字</translation>
    </message>
    <message>
        <source>Unhandled operator</source>
        <translation>未处理的运算符</translation>
    </message>
    <message>
        <source>Not a FieldCase reference pack</source>
        <translation>不是 FieldCase 参考数据包</translation>
    </message>
    <message>
        <source>Unsupported reference pack format version %1</source>
        <translation>不支持的参考数据包格式版本 %1</translation>
    </message>
    <message>
        <source>&quot;version&quot; must be a positive integer</source>
        <translation>“version”必须为正整数</translation>
    </message>
    <message>
        <source>&quot;effectiveTo&quot; is before &quot;effectiveFrom&quot;</source>
        <translation>“effectiveTo”早于“effectiveFrom”</translation>
    </message>
    <message>
        <source>&quot;demo&quot; must be true or false</source>
        <translation>“demo”必须为 true 或 false</translation>
    </message>
    <message>
        <source>The pack has no &quot;content&quot; object</source>
        <translation>数据包中没有“content”对象</translation>
    </message>
    <message>
        <source>Expected a violations pack, got &quot;%1&quot;</source>
        <translation>应为违法行为数据包，实际为“%1”</translation>
    </message>
    <message>
        <source>The pack lists no laws</source>
        <translation>数据包中未列出任何法律</translation>
    </message>
    <message>
        <source>Duplicate law id &quot;%1&quot;</source>
        <translation>法律编号“%1”重复</translation>
    </message>
    <message>
        <source>The pack lists no violations</source>
        <translation>数据包中未列出任何违法行为</translation>
    </message>
    <message>
        <source>Duplicate violation code</source>
        <translation>违法行为代码重复</translation>
    </message>
    <message>
        <source>Unknown enforcement category &quot;%1&quot;</source>
        <translation>未知执法门类“%1”</translation>
    </message>
    <message>
        <source>A violation needs at least one penalty</source>
        <translation>每项违法行为至少须设定一种处罚</translation>
    </message>
    <message>
        <source>More than one unconditional fine applies to the same party</source>
        <translation>同一类当事人适用了一项以上的无条件罚款</translation>
    </message>
    <message>
        <source>Expected a discretion pack, got &quot;%1&quot;</source>
        <translation>应为裁量基准数据包，实际为“%1”</translation>
    </message>
    <message>
        <source>A fact needs a name, a label and a type (bool, number, string)</source>
        <translation>事实须有名称（name）、标签（label）和类型（type：bool、number、string）</translation>
    </message>
    <message>
        <source>The fact &quot;%1&quot; is already defined</source>
        <translation>事实“%1”已定义</translation>
    </message>
    <message>
        <source>The standard has no entries</source>
        <translation>裁量基准中没有任何条目</translation>
    </message>
    <message>
        <source>Duplicate entry for this violation code</source>
        <translation>该违法行为代码的条目重复</translation>
    </message>
    <message>
        <source>No violation with code &quot;%1&quot; in the catalogue</source>
        <translation>违法行为目录中没有代码为“%1”的违法行为</translation>
    </message>
    <message>
        <source>A 首违不罚 item needs at least one condition</source>
        <translation>首违不罚条目至少须有一个条件</translation>
    </message>
    <message>
        <source>A 首违不罚 condition needs &quot;when&quot;</source>
        <translation>首违不罚条件须有“when”</translation>
    </message>
    <message>
        <source>An entry needs tiers or 首违不罚 items</source>
        <translation>条目须有裁量阶次或首违不罚条目</translation>
    </message>
    <message>
        <source>Violations pack %1 version %2 is already loaded</source>
        <translation>违法行为数据包 %1 第 %2 版已加载</translation>
    </message>
    <message>
        <source>Discretion pack %1 version %2 is already loaded</source>
        <translation>裁量基准数据包 %1 第 %2 版已加载</translation>
    </message>
    <message>
        <source>The catalogue takes violations or discretion packs, not &quot;%1&quot;</source>
        <translation>违法行为目录只接受违法行为数据包或裁量基准数据包，不接受“%1”</translation>
    </message>
    <message>
        <source>null</source>
        <translation>null（空值）</translation>
    </message>
    <message>
        <source>a boolean</source>
        <translation>布尔值</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>数组</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>the field “%1” is missing</source>
        <translation>缺少字段“%1”</translation>
    </message>
    <message>
        <source>“%1” must be a string (write &quot;%2&quot;, not %2)</source>
        <translation>“%1”必须为字符串（应写作 &quot;%2&quot;，而不是 %2）</translation>
    </message>
    <message>
        <source>“%1” must be a string, not %2</source>
        <translation>“%1”必须为字符串，而不是%2</translation>
    </message>
    <message>
        <source>“%1” is empty</source>
        <translation>“%1”为空</translation>
    </message>
    <message>
        <source>“%1” has spaces at its start or end: “%2”</source>
        <translation>“%1”的开头或结尾有空格：“%2”</translation>
    </message>
    <message>
        <source>“%1” must be true or false, not %2</source>
        <translation>“%1”必须为 true 或 false，而不是%2</translation>
    </message>
    <message>
        <source>“%1” must be an object, not %2</source>
        <translation>“%1”必须为对象，而不是%2</translation>
    </message>
    <message>
        <source>an entry must be an object, not %1</source>
        <translation>条目必须为对象，而不是%1</translation>
    </message>
    <message>
        <source>Code table “%1”</source>
        <translation>代码表“%1”</translation>
    </message>
    <message>
        <source>a table name must be a camelCase identifier (letters and digits, starting with a lowercase letter)</source>
        <translation>代码表名称必须为 camelCase 标识符（由字母和数字组成，以小写字母开头）</translation>
    </message>
    <message>
        <source>a table must be an object, not %1</source>
        <translation>代码表必须为对象，而不是%1</translation>
    </message>
    <message>
        <source>the field “entries” is missing</source>
        <translation>缺少字段“entries”</translation>
    </message>
    <message>
        <source>“entries” must be an array, not %1</source>
        <translation>“entries”必须为数组，而不是%1</translation>
    </message>
    <message>
        <source>the table has no entries</source>
        <translation>代码表中没有任何条目</translation>
    </message>
    <message>
        <source>Code table “%1”, entry %2</source>
        <translation>代码表“%1”第 %2 条</translation>
    </message>
    <message>
        <source>the code “%1” is already used by entry %2</source>
        <translation>代码“%1”已被第 %2 条使用</translation>
    </message>
    <message>
        <source>Pattern “%1”</source>
        <translation>格式规则“%1”</translation>
    </message>
    <message>
        <source>a pattern name must be a camelCase identifier (letters and digits, starting with a lowercase letter)</source>
        <translation>格式规则名称必须为 camelCase 标识符（由字母和数字组成，以小写字母开头）</translation>
    </message>
    <message>
        <source>a pattern must be an object, not %1</source>
        <translation>格式规则必须为对象，而不是%1</translation>
    </message>
    <message>
        <source>the regular expression “%1” is invalid: %2 (at offset %3)</source>
        <translation>正则表达式“%1”无效：%2（位于偏移量 %3 处）</translation>
    </message>
    <message>
        <source>Codes content</source>
        <translation>代码数据内容</translation>
    </message>
    <message>
        <source>there are no code tables</source>
        <translation>没有任何代码表</translation>
    </message>
    <message>
        <source>“patterns” must be an object, not %1</source>
        <translation>“patterns”必须为对象，而不是%1</translation>
    </message>
    <message>
        <source>The deadline rules are malformed at %1: %2</source>
        <translation>期限规则格式错误（位置：%1）：%2</translation>
    </message>
    <message>
        <source>a whole number from %1 to %2 is required</source>
        <translation>须为 %1 至 %2 之间的整数</translation>
    </message>
    <message>
        <source>unknown unit “%1” (calendar-days, working-days, hours, months or years)</source>
        <translation>未知单位“%1”（应为 calendar-days、working-days、hours、months 或 years）</translation>
    </message>
    <message>
        <source>unknown type “%1” (deadline, waiting-period or notice-before)</source>
        <translation>未知类型“%1”（应为 deadline、waiting-period 或 notice-before）</translation>
    </message>
    <message>
        <source>a notice-before rule counts calendar-days or working-days</source>
        <translation>notice-before（提前通知）规则只能按 calendar-days 或 working-days 计算</translation>
    </message>
    <message>
        <source>a roll-forward applies only to calendar-days, months or years counted forward</source>
        <translation>顺延仅适用于向后计算、以 calendar-days、months 或 years 为单位的期限</translation>
    </message>
    <message>
        <source>the other reading must use another unit</source>
        <translation>另一种理解须使用不同的计算单位</translation>
    </message>
    <message>
        <source>clearDays applies only to notice-before rules</source>
        <translation>clearDays 仅适用于 notice-before 规则</translation>
    </message>
    <message>
        <source>the other reading must change clearDays</source>
        <translation>另一种理解须改变 clearDays 的取值</translation>
    </message>
    <message>
        <source>the other reading must set unit or clearDays</source>
        <translation>另一种理解须设定 unit 或 clearDays</translation>
    </message>
    <message>
        <source>“%1” is not a kind id (lower-case words joined by hyphens)</source>
        <translation>“%1”不是有效的期限类型标识（应为以连字符连接的小写单词）</translation>
    </message>
    <message>
        <source>an unsure rule must say in its note what is unsure</source>
        <translation>标记为存疑的规则须在备注（note）中说明存疑之处</translation>
    </message>
    <message>
        <source>only an unsure rule has another reading</source>
        <translation>只有标记为存疑的规则才能有另一种理解</translation>
    </message>
    <message>
        <source>a notice-before rule cannot be extended</source>
        <translation>notice-before 规则不能延长</translation>
    </message>
    <message>
        <source>weekend</source>
        <translation>周末</translation>
    </message>
    <message>
        <source>make-up working day for %1</source>
        <translation>%1调休上班日</translation>
    </message>
    <message numerus="yes">
        <source>%n calendar day(s)</source>
        <translation>
            <numerusform>%n 个自然日</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n working day(s)</source>
        <translation>
            <numerusform>%n 个工作日</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n 小时</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s)</source>
        <translation>
            <numerusform>%n 个月</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n year(s)</source>
        <translation>
            <numerusform>%n 年</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2).</source>
        <translation>%1（%2）。</translation>
    </message>
    <message>
        <source>Extension by %1 from the original last day, %2, which is not counted.</source>
        <translation>自原期限最后一日 %2 起延长 %1（该日不计入）。</translation>
    </message>
    <message>
        <source>Start: %1, %2.</source>
        <translation>起算：%1，%2。</translation>
    </message>
    <message>
        <source>Counted back %1 from the event on %2, counting neither the notice day nor the event day: give notice by the end of %3.</source>
        <translation>自 %2 的事项之日起向前倒数 %1，通知之日和事项当日均不计入：最迟须在 %3 当日发出通知。</translation>
    </message>
    <message>
        <source>Counted back %1 from the event on %2, counting the event day but not the notice day: give notice by the end of %3.</source>
        <translation>自 %2 的事项之日起向前倒数 %1，计入事项当日、不计入通知之日：最迟须在 %3 当日发出通知。</translation>
    </message>
    <message>
        <source>Counted %1 from the start time: %2.</source>
        <translation>自起算时刻起计算 %1：%2。</translation>
    </message>
    <message>
        <source>Counted %1 after the start day: the last day is %2. %3.</source>
        <translation>自起算日的次日起计算 %1：最后一日为 %2。%3。</translation>
    </message>
    <message>
        <source>Counted %1: the last day is %2. %3.</source>
        <translation>计算 %1：最后一日为 %2。%3。</translation>
    </message>
    <message>
        <source>%1 is a rest day (%2), so the period ends on the next working day, %3. %4.</source>
        <translation>%1 为休息日（%2），期限顺延至其后的第一个工作日 %3 届满。%4。</translation>
    </message>
    <message>
        <source>Rest days not counted: %1.</source>
        <translation>未计入的休息日：%1。</translation>
    </message>
    <message>
        <source>Make-up working days counted: %1.</source>
        <translation>计入的调休上班日：%1。</translation>
    </message>
    <message>
        <source>Due by the end of %1 (24:00).</source>
        <translation>须在 %1 24:00 前完成。</translation>
    </message>
    <message>
        <source>The period has run at the end of %1; the act is allowed from %2.</source>
        <translation>期限于 %1 24:00 届满；自 %2 起方可实施该行为。</translation>
    </message>
    <message>
        <source>The act is allowed from %1.</source>
        <translation>自 %1 起方可实施该行为。</translation>
    </message>
    <message>
        <source>The holiday calendar does not cover %1, so it is not known whether the last day, %2, is a working day.</source>
        <translation>节假日日历未涵盖 %1 年，因此无法确定最后一日 %2 是否为工作日。</translation>
    </message>
    <message>
        <source>(not covered by the calendar)</source>
        <translation>（日历未涵盖）</translation>
    </message>
    <message>
        <source>The last day for the notice, %1, is not a working day (%2): give notice by the working day %3 at the latest.</source>
        <translation>通知的最后一日 %1 不是工作日（%2）：最迟须在工作日 %3 发出通知。</translation>
    </message>
    <message>
        <source>The last day, %1, is not a working day (%2) and this period does not roll forward: act by the previous working day, %3.</source>
        <translation>最后一日 %1 不是工作日（%2），且本期限不顺延：最迟须在前一个工作日 %3 办理。</translation>
    </message>
    <message>
        <source>The %1 holiday calendar is provisional (%2): a date that depends on it may change when the State Council publishes that year&apos;s arrangement.</source>
        <translation>%1 年节假日日历为暂定版本（%2）：国务院公布该年度放假安排后，依据该日历计算的日期可能发生变化。</translation>
    </message>
    <message>
        <source>This rule is marked unsure in the deadlines pack: %1</source>
        <translation>期限数据包将本规则标记为存疑：%1</translation>
    </message>
    <message>
        <source>Under the other reading (%1) the last day would be %2.</source>
        <translation>按另一种理解（%1），最后一日为 %2。</translation>
    </message>
    <message>
        <source>Under the other reading (%1) the last day cannot be computed: %2</source>
        <translation>按另一种理解（%1），无法计算最后一日：%2</translation>
    </message>
    <message>
        <source>the end of %1</source>
        <translation>%1 24:00</translation>
    </message>
    <message>
        <source>a non-empty list is required</source>
        <translation>须为非空列表</translation>
    </message>
    <message>
        <source>the kind “%1” is listed twice</source>
        <translation>期限类型“%1”被重复列出</translation>
    </message>
    <message>
        <source>The deadlines pack has no rule “%1”.</source>
        <translation>期限数据包中没有规则“%1”。</translation>
    </message>
    <message>
        <source>The start time is not valid.</source>
        <translation>起算时间无效。</translation>
    </message>
    <message>
        <source>%1 cannot be extended.</source>
        <translation>%1不能延长。</translation>
    </message>
    <message>
        <source>The original last day or the number of extensions is not valid.</source>
        <translation>原期限最后一日或延长次数无效。</translation>
    </message>
    <message numerus="yes">
        <source>%1 may be extended at most %n time(s) (%2).</source>
        <translation>
            <numerusform>%1最多只能延长 %n 次（%2）。</numerusform>
        </translation>
    </message>
    <message>
        <source>An extension of %1 may not be longer than %2 (%3).</source>
        <translation>%1的延长期限不得超过%2（%3）。</translation>
    </message>
    <message>
        <source>Check by hand: %1 (case %2) has no due time.</source>
        <translation>请人工核查：%1（案件 %2）没有届满时间。</translation>
    </message>
    <message>
        <source>Overdue: %1 (case %2) was due by %3.</source>
        <translation>已逾期：%1（案件 %2）应于 %3 前完成。</translation>
    </message>
    <message numerus="yes">
        <source>Overdue: %1 (case %2) was due by %3, %n day(s) ago.</source>
        <translation>
            <numerusform>已逾期：%1（案件 %2）应于 %3 前完成，已逾期 %n 天。</numerusform>
        </translation>
    </message>
    <message>
        <source>Due today: %1 (case %2) must be done by %3.</source>
        <translation>今日到期：%1（案件 %2）须于 %3 前完成。</translation>
    </message>
    <message>
        <source>Check by hand: %1 (case %2) is due by %3, but the holiday calendar does not cover %4, so the working days left are not known.</source>
        <translation>请人工核查：%1（案件 %2）须于 %3 前完成，但节假日日历未涵盖 %4 年，无法确定剩余工作日数。</translation>
    </message>
    <message numerus="yes">
        <source>Due soon: %1 (case %2) must be done by %3; %n working day(s) left.</source>
        <translation>
            <numerusform>即将到期：%1（案件 %2）须于 %3 前完成，还剩 %n 个工作日。</numerusform>
        </translation>
    </message>
    <message>
        <source>Missing number &quot;%1&quot;</source>
        <translation>缺少数值“%1”</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a length in metres</source>
        <translation>“%1”必须为以米为单位的长度</translation>
    </message>
    <message>
        <source>A legal reference needs &quot;article&quot; and &quot;text&quot;</source>
        <translation>法律依据须有“article”和“text”</translation>
    </message>
    <message>
        <source>The overlimit section needs &quot;lawTitle&quot;</source>
        <translation>超限部分（overlimit）须有“lawTitle”</translation>
    </message>
    <message>
        <source>Unknown rounding &quot;%1&quot; (floor, ceil or exact)</source>
        <translation>未知取整方式“%1”（应为 floor、ceil 或 exact）</translation>
    </message>
    <message>
        <source>The overlimit section needs a &quot;mass&quot; table</source>
        <translation>超限部分（overlimit）须有“mass”表</translation>
    </message>
    <message>
        <source>&quot;vehicleClass&quot; must be truck or trainTruck</source>
        <translation>“vehicleClass”必须为 truck 或 trainTruck</translation>
    </message>
    <message>
        <source>Unknown exempt vehicle class &quot;%1&quot;</source>
        <translation>未知的豁免车辆类别“%1”</translation>
    </message>
    <message>
        <source>&quot;unitKg&quot; must be positive</source>
        <translation>“unitKg”必须为正数</translation>
    </message>
    <message>
        <source>The dimension fine needs &quot;tiers&quot;</source>
        <translation>外廓尺寸罚款须有“tiers”</translation>
    </message>
    <message>
        <source>&quot;minFen&quot; is above &quot;maxFen&quot;</source>
        <translation>“minFen”大于“maxFen”</translation>
    </message>
    <message>
        <source>The vehicle class must be truck or trainTruck</source>
        <translation>车辆类别必须为 truck（货车）或 trainTruck（汽车列车）</translation>
    </message>
    <message>
        <source>The axle count must be between 2 and 20</source>
        <translation>轴数必须在 2 至 20 之间</translation>
    </message>
    <message>
        <source>More single-tyre axles than axles</source>
        <translation>单胎轴数多于总轴数</translation>
    </message>
    <message>
        <source>Unknown exempt class &quot;%1&quot;</source>
        <translation>未知的豁免类别“%1”</translation>
    </message>
    <message>
        <source>The violations pack has no 超限 (overlimit) rules</source>
        <translation>违法行为数据包中没有超限（overlimit）规则</translation>
    </message>
    <message>
        <source>An agricultural or low-speed vehicle needs its registered (行驶证) total mass</source>
        <translation>农用车辆或低速汽车须提供行驶证登记的总质量</translation>
    </message>
    <message>
        <source>Mass limit taken from the vehicle licence (行驶证): %1 kg</source>
        <translation>总质量限值取自行驶证：%1 kg</translation>
    </message>
    <message>
        <source>Art 3 sets no mass limit for a %1 with %2 axles</source>
        <translation>第三条未规定 %2 轴%1的总质量限值</translation>
    </message>
    <message>
        <source>Single drive axle on the tractor: limit %1 kg</source>
        <translation>牵引车为单驱动轴：限值 %1 kg</translation>
    </message>
    <message>
        <source>%1 single-tyre non-drive axle(s): limit lowered by %2 kg</source>
        <translation>%1 个非驱动轴为单胎：限值降低 %2 kg</translation>
    </message>
    <message>
        <source>Exempt vehicle class meeting GB 1589: not 超限 on mass</source>
        <translation>符合 GB 1589 的豁免车辆类别：总质量不认定为超限</translation>
    </message>
    <message>
        <source>%1 kg over the limit, not more than %2 kg: warning (警告)</source>
        <translation>超出限值 %1 kg，未超过 %2 kg：警告</translation>
    </message>
    <message>
        <source>%1 kg over the limit: %2 per %3 kg (%4 rounding) = %5</source>
        <translation>超出限值 %1 kg：每 %3 kg 罚款 %2（按 %4 取整）= %5</translation>
    </message>
    <message>
        <source>No art 43(1) dimension tier matches; the pack&apos;s tiers leave a gap</source>
        <translation>没有匹配的第四十三条第（一）项外廓尺寸档次；数据包中的档次设定存在空缺</translation>
    </message>
    <message>
        <source>Dimensions over the limit: art 43(1) tier %1, %2–%3</source>
        <translation>外廓尺寸超过限值：第四十三条第（一）项第 %1 档，%2–%3</translation>
    </message>
    <message>
        <source>Capped at %1</source>
        <translation>以 %1 为上限</translation>
    </message>
    <message>
        <source>The reference pack is malformed: %1</source>
        <translation>参考数据包格式错误：%1</translation>
    </message>
    <message>
        <source>not a FieldCase reference pack</source>
        <translation>不是 FieldCase 参考数据包</translation>
    </message>
    <message>
        <source>The reference pack uses format version %1; this FieldCase reads version %2. Install a matching FieldCase version.</source>
        <translation>该参考数据包使用格式版本 %1，本版本 FieldCase 只能读取版本 %2。请安装与之匹配的 FieldCase 版本。</translation>
    </message>
    <message>
        <source>no id</source>
        <translation>缺少编号（id）</translation>
    </message>
    <message>
        <source>unknown kind “%1”</source>
        <translation>未知类型“%1”</translation>
    </message>
    <message>
        <source>the version must be a whole number ≥ 1</source>
        <translation>版本号必须为大于或等于 1 的整数</translation>
    </message>
    <message>
        <source>effectiveFrom is not a date (YYYY-MM-DD)</source>
        <translation>effectiveFrom 不是有效日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>effectiveTo is not a date on or after effectiveFrom</source>
        <translation>effectiveTo 不是有效日期，或早于 effectiveFrom</translation>
    </message>
    <message>
        <source>no issuer</source>
        <translation>缺少发布方（issuer）</translation>
    </message>
    <message>
        <source>content is not an object</source>
        <translation>content 不是对象</translation>
    </message>
    <message>
        <source>not JSON (%1 at byte %2)</source>
        <translation>不是有效的 JSON（第 %2 字节处：%1）</translation>
    </message>
    <message>
        <source>no “pack” object</source>
        <translation>缺少“pack”对象</translation>
    </message>
    <message>
        <source>The reference pack is not signed</source>
        <translation>参考数据包未签名</translation>
    </message>
    <message>
        <source>The reference pack is signed by a key this terminal does not trust (key %1)</source>
        <translation>参考数据包的签名密钥不受本终端信任（密钥 %1）</translation>
    </message>
    <message>
        <source>The reference pack&apos;s signature algorithm does not match its key</source>
        <translation>参考数据包的签名算法与其密钥不匹配</translation>
    </message>
    <message>
        <source>The reference pack&apos;s signature is invalid: it was altered or not signed by its publisher</source>
        <translation>参考数据包的签名无效：数据包已被改动，或并非由其发布方签名</translation>
    </message>
    <message>
        <source>Version %1 of “%2” is not newer than the stored version %3; the data in force is unchanged</source>
        <translation>“%2”第 %1 版不比已保存的第 %3 版新；现行有效的数据未作改变</translation>
    </message>
    <message>
        <source>A stored reference pack is unreadable</source>
        <translation>有一个已保存的参考数据包无法读取</translation>
    </message>
    <message>
        <source>The fact &quot;%1&quot; must be a whole number from 0 to %2</source>
        <translation>事实“%1”必须为 0 至 %2 之间的整数</translation>
    </message>
    <message>
        <source>The fact &quot;%1&quot; must be true or false</source>
        <translation>事实“%1”必须为 true 或 false</translation>
    </message>
    <message>
        <source>The party kind must be person or organisation</source>
        <translation>当事人类型必须为 person（公民）或 organisation（组织）</translation>
    </message>
    <message>
        <source>Only a person has an age</source>
        <translation>只有公民才有年龄</translation>
    </message>
    <message>
        <source>The harm must be one of none, minor, ordinary, serious</source>
        <translation>危害后果必须为 none、minor、ordinary、serious 之一</translation>
    </message>
    <message>
        <source>Mitigations must be a list</source>
        <translation>从轻减轻情节（mitigations）必须为列表</translation>
    </message>
    <message>
        <source>Unknown mitigation &quot;%1&quot;</source>
        <translation>未知的从轻减轻情节“%1”</translation>
    </message>
    <message>
        <source>The mitigation mode must be lighter (从轻) or reduced (减轻)</source>
        <translation>从轻减轻方式必须为 lighter（从轻）或 reduced（减轻）</translation>
    </message>
    <message>
        <source>The measurement must be an object</source>
        <translation>检测数据（measurement）必须为对象</translation>
    </message>
    <message>
        <source>The reason must be text</source>
        <translation>理由必须为文本</translation>
    </message>
    <message>
        <source>No penalty: the party must be educated (对当事人进行教育)</source>
        <translation>不予处罚：应当对当事人进行教育</translation>
    </message>
    <message>
        <source>Illegal gains of %1 were reported: decide on them separately (《行政处罚法》第二十八条第二款)</source>
        <translation>已报告违法所得 %1：须另行对其作出处理（《行政处罚法》第二十八条第二款）</translation>
    </message>
    <message>
        <source>The violation was not parsed from a pack</source>
        <translation>该违法行为并非从数据包解析而来</translation>
    </message>
    <message>
        <source>The discretion entry %1 does not belong to violation %2</source>
        <translation>裁量基准条目 %1 不属于违法行为 %2</translation>
    </message>
    <message>
        <source>The violation catalogue is demo data</source>
        <translation>违法行为目录为示范数据</translation>
    </message>
    <message>
        <source>The discretion standard &quot;%1&quot; is demo data, not a real province&apos;s standard</source>
        <translation>裁量基准“%1”为示范数据，并非真实省份的裁量基准</translation>
    </message>
    <message>
        <source>The act (%1) violates %2</source>
        <translation>该行为（%1）违反了%2</translation>
    </message>
    <message>
        <source>Order the party to correct the violation: %1</source>
        <translation>责令当事人改正违法行为：%1</translation>
    </message>
    <message>
        <source>This violation needs the vehicle measurement (fact &quot;measured&quot;)</source>
        <translation>该违法行为须提供车辆检测数据（事实“measured”）</translation>
    </message>
    <message>
        <source>Over the 超限 limit of %1</source>
        <translation>超过%1规定的超限认定标准</translation>
    </message>
    <message>
        <source>Within every art 3 limit (mass limit %1 kg): not an 超限 vehicle</source>
        <translation>未超过第三条规定的各项限值（总质量限值 %1 kg）：不属于超限车辆</translation>
    </message>
    <message>
        <source>The party is %1, under %2: no penalty; order the guardian to discipline them (责令监护人加以管教)</source>
        <translation>当事人 %1 周岁，不满 %2 周岁：不予处罚，责令监护人加以管教</translation>
    </message>
    <message>
        <source>Evidence of no fault does not exempt: the law provides otherwise for this act</source>
        <translation>没有主观过错的证据不能免除处罚：法律对该行为另有规定</translation>
    </message>
    <message>
        <source>The party proved they bore no subjective fault: no penalty</source>
        <translation>当事人有证据足以证明没有主观过错：不予处罚</translation>
    </message>
    <message>
        <source>A slight violation, corrected promptly, with no harmful consequence: no penalty</source>
        <translation>违法行为轻微并及时改正，没有造成危害后果：不予处罚</translation>
    </message>
    <message>
        <source>First violation exempt (首违不罚) under &quot;%1&quot;: all %2 conditions hold</source>
        <translation>依据“%1”首违不罚：%2 项条件全部满足</translation>
    </message>
    <message>
        <source>A first violation with slight harm, corrected promptly, may go unpunished</source>
        <translation>初次违法且危害后果轻微并及时改正的，可以不予处罚</translation>
    </message>
    <message>
        <source>首违不罚 is discretionary (可以): a decision to penalise instead needs written reasons</source>
        <translation>首违不罚属于“可以”情形：决定仍予处罚的，须书面说明理由</translation>
    </message>
    <message>
        <source>首违不罚 item &quot;%1&quot; does not apply; not met: %2</source>
        <translation>首违不罚条目“%1”不适用；未满足的条件：%2</translation>
    </message>
    <message>
        <source>Violation %1 sets two fines for the same case</source>
        <translation>违法行为 %1 对同一情形设定了两项罚款</translation>
    </message>
    <message>
        <source>The provision allows (可以) a fine of %1–%2</source>
        <translation>该条款规定可以处 %1–%2 罚款</translation>
    </message>
    <message>
        <source>The provision sets a fine of %1–%2</source>
        <translation>该条款规定处 %1–%2 罚款</translation>
    </message>
    <message>
        <source>Illegal gains of %1 %2 %3: confiscate them and fine %4–%5 times the gains (%6–%7)</source>
        <translation>违法所得 %1 %2 %3：没收违法所得，并处违法所得 %4–%5 倍的罚款（%6–%7）</translation>
    </message>
    <message>
        <source>Violation %1 has no fallback fine for these facts</source>
        <translation>违法行为 %1 没有适用于这些事实的兜底罚款幅度（fallback）</translation>
    </message>
    <message>
        <source>Illegal gains of %1 (none, or below %2): a fine of %3–%4%5</source>
        <translation>违法所得 %1（没有违法所得或违法所得不足 %2）：处 %3–%4 罚款%5</translation>
    </message>
    <message>
        <source>Illegal gains of %1 (none, or not above %2): a fine of %3–%4%5</source>
        <translation>违法所得 %1（没有违法所得或违法所得不超过 %2）：处 %3–%4 罚款%5</translation>
    </message>
    <message>
        <source> (its condition, e.g. 情节严重, holds)</source>
        <translation>（已满足其适用条件，如情节严重）</translation>
    </message>
    <message>
        <source>超限 schedule: %1</source>
        <translation>超限处罚计算：%1</translation>
    </message>
    <message>
        <source>Mass and dimension fines accumulate, at most %1 in total</source>
        <translation>总质量超限罚款与外廓尺寸超限罚款合并计算，合计不超过 %1</translation>
    </message>
    <message>
        <source>Illegal gains of %1 must be refunded, so they are not confiscated</source>
        <translation>违法所得 %1 依法应当退赔，故不予没收</translation>
    </message>
    <message>
        <source>Confiscate the illegal gains of %1</source>
        <translation>没收违法所得 %1</translation>
    </message>
    <message>
        <source>aged %1, under %2</source>
        <translation>年龄 %1 周岁，不满 %2 周岁</translation>
    </message>
    <message>
        <source>No tier of the discretion standard matches these facts; the statutory range applies</source>
        <translation>裁量基准中没有与这些事实相符的裁量阶次；适用法定幅度</translation>
    </message>
    <message>
        <source>Discretion tier %1: %2; recommended %3</source>
        <translation>裁量阶次 %1：%2；建议罚款金额 %3</translation>
    </message>
    <message>
        <source>The tier sets no band for this kind of fine; the statutory range applies</source>
        <translation>该裁量阶次未对此类罚款设定裁量幅度；适用法定幅度</translation>
    </message>
    <message>
        <source>The tier&apos;s band lies outside the statutory range for this party; the statutory range applies</source>
        <translation>该裁量阶次的裁量幅度超出对该当事人适用的法定幅度；适用法定幅度</translation>
    </message>
    <message>
        <source>The tier&apos;s band was narrowed to the statutory range</source>
        <translation>该裁量阶次的裁量幅度已收窄至法定幅度以内</translation>
    </message>
    <message>
        <source>Discretion tier %1: %2; band %3–%4, recommended %5 (%6)</source>
        <translation>裁量阶次 %1：%2；裁量幅度 %3–%4，建议罚款金额 %5（取值规则：%6）</translation>
    </message>
    <message>
        <source>No discretion tier applies: the statutory minimum %1 is suggested</source>
        <translation>没有适用的裁量阶次：建议按法定最低额 %1 处罚</translation>
    </message>
    <message>
        <source>No discretion tier applies and the statute sets no minimum: choose an amount within the range</source>
        <translation>没有适用的裁量阶次，法律也未规定最低额：请在法定幅度内确定罚款金额</translation>
    </message>
    <message>
        <source>Mandatory mitigation (应当从轻或者减轻): %1</source>
        <translation>应当从轻或者减轻处罚：%1</translation>
    </message>
    <message>
        <source>从轻: the lowest amount of the band, %1, is recommended</source>
        <translation>从轻：建议按裁量幅度的最低额 %1 处罚</translation>
    </message>
    <message>
        <source>减轻: below the band; the pack allows going below the statutory minimum %1 with reasons</source>
        <translation>减轻：低于裁量幅度；数据包允许在说明理由后低于法定最低额 %1</translation>
    </message>
    <message>
        <source>减轻: below the band, but not below the statutory minimum %1; %1 is recommended</source>
        <translation>减轻：低于裁量幅度，但不低于法定最低额 %1；建议罚款金额为 %1</translation>
    </message>
    <message>
        <source>The 超限 mass fine is a formula: 减轻 below it needs the approval rules of the unit</source>
        <translation>超限总质量罚款按公式计算：在此基础上减轻处罚的，须按本单位的审批规定办理</translation>
    </message>
    <message>
        <source>%1 sets no fine for this case; a fine of %2 cannot be imposed</source>
        <translation>%1 对该情形未设定罚款；不能处 %2 罚款</translation>
    </message>
    <message>
        <source>%1 requires a fine: an amount of 0 cannot be imposed</source>
        <translation>%1 规定应当处以罚款：罚款金额不能为 0</translation>
    </message>
    <message>
        <source>The proposed fine of %1 is outside the statutory range %2–%3 set by %4</source>
        <translation>拟处罚款 %1 超出%4规定的法定幅度 %2–%3</translation>
    </message>
    <message>
        <source>减轻 applied: %1 is below the band %2–%3</source>
        <translation>已适用减轻处罚：%1 低于裁量幅度 %2–%3</translation>
    </message>
    <message>
        <source>%1 is outside the band %2–%3; reason given: %4</source>
        <translation>%1 超出裁量幅度 %2–%3；已说明理由：%4</translation>
    </message>
    <message>
        <source>%1 is outside the band %2–%3: a written reason is required</source>
        <translation>%1 超出裁量幅度 %2–%3：须书面说明理由</translation>
    </message>
    <message>
        <source>The provision sets no penalty, only measures (行政强制措施)</source>
        <translation>该条款未规定行政处罚，仅规定了行政强制措施</translation>
    </message>
    <message>
        <source>The fine is optional (可以) and none is imposed; the correction order stands</source>
        <translation>该罚款属于“可以”处罚，本案不予罚款；责令改正仍然有效</translation>
    </message>
    <message>
        <source>No penalty amount is chosen yet</source>
        <translation>尚未确定处罚金额</translation>
    </message>
    <message>
        <source>General procedure: a penalty other than a fine or a warning applies</source>
        <translation>适用普通程序：拟给予罚款、警告以外的行政处罚</translation>
    </message>
    <message>
        <source>Simple procedure allowed: a warning only</source>
        <translation>可以适用简易程序：仅给予警告</translation>
    </message>
    <message>
        <source>Simple procedure allowed: a fine of %1 is not above %2 for %3</source>
        <translation>可以适用简易程序：对%3处 %1 罚款，未超过 %2</translation>
    </message>
    <message>
        <source>General procedure: a fine of %1 is above %2 for %3</source>
        <translation>适用普通程序：对%3处 %1 罚款，超过 %2</translation>
    </message>
    <message>
        <source>a person (公民)</source>
        <translation>公民</translation>
    </message>
    <message>
        <source>an organisation</source>
        <translation>法人或者其他组织</translation>
    </message>
    <message>
        <source>The amount is not known yet: general procedure assumed</source>
        <translation>罚款金额尚未确定：暂按普通程序办理</translation>
    </message>
    <message>
        <source>Hearing right: a fine of %1 is at or above the threshold %2 (较大数额)</source>
        <translation>听证权利：罚款 %1 达到较大数额标准 %2</translation>
    </message>
    <message>
        <source>Hearing right: %1</source>
        <translation>听证权利：%1</translation>
    </message>
    <message>
        <source>Hearing right offered: %1 (a heavier penalty)</source>
        <translation>告知听证权利：%1（属于其他较重的行政处罚）</translation>
    </message>
    <message>
        <source>Hearing right: confiscation of %1 of illegal gains (较大数额)</source>
        <translation>听证权利：没收较大数额违法所得 %1</translation>
    </message>
    <message>
        <source>Hearing right offered: %1 (its value is not assessed here)</source>
        <translation>告知听证权利：%1（本系统未评估其价值）</translation>
    </message>
    <message>
        <source>No violation catalogue is in force on %1</source>
        <translation>%1 没有现行有效的违法行为目录</translation>
    </message>
    <message>
        <source>Violation %1 is not in the catalogue in force on %2</source>
        <translation>%2 现行有效的违法行为目录中没有违法行为 %1</translation>
    </message>
    <message>
        <source>The law in force on the act date %1 applies: catalogue %2 version %3 (from %4)</source>
        <translation>适用违法行为发生时（%1）有效的规定：违法行为目录 %2 第 %3 版（自 %4 起施行）</translation>
    </message>
    <message>
        <source>The catalogue in force at the decision (version %1) no longer lists this act: it applies and there is no penalty</source>
        <translation>作出处罚决定时有效的违法行为目录（第 %1 版）已不再将该行为列为违法行为：适用该版本，不予处罚</translation>
    </message>
    <message>
        <source>The rule in force at the decision date %1 (version %2) is lighter and applies instead</source>
        <translation>作出处罚决定时（%1）有效的规定（第 %2 版）处罚较轻，改为适用该规定</translation>
    </message>
    <message>
        <source>No provisions to weigh</source>
        <translation>没有可供比较的条款</translation>
    </message>
    <message>
        <source>A provision without a violation</source>
        <translation>有条款缺少对应的违法行为</translation>
    </message>
    <message>
        <source>None of the provisions sets a fine for this case; the first is used</source>
        <translation>各条款对该情形均未设定罚款；采用第一项条款</translation>
    </message>
    <message>
        <source>One act, one fine: %1 sets the highest fine (%2–%3)</source>
        <translation>一事不再罚：%1 规定的罚款数额最高（%2–%3）</translation>
    </message>
    <message>
        <source>%1 is not applied: its fine (%2–%3) is not higher</source>
        <translation>不适用 %1：其罚款（%2–%3）并非最高</translation>
    </message>
    <message>
        <source>%1 is not applied: it sets no fine for this case</source>
        <translation>不适用 %1：其对该情形未设定罚款</translation>
    </message>
    <message>
        <source>The procedures data is malformed: %1</source>
        <translation>程序数据格式错误：%1</translation>
    </message>
    <message>
        <source>%1 has no steps</source>
        <translation>%1 没有任何步骤</translation>
    </message>
    <message>
        <source>a step of %1 lacks id, title or legal basis</source>
        <translation>%1 的某个步骤缺少编号（id）、标题或法律依据</translation>
    </message>
    <message>
        <source>%1.%2 needs person and organisation amounts in fen</source>
        <translation>%1.%2 须分别给出 person（公民）和 organisation（组织）的金额（单位：分）</translation>
    </message>
    <message>
        <source>minOfficers needs a count and a legal basis</source>
        <translation>minOfficers 须有人数和法律依据</translation>
    </message>
    <message>
        <source>onsiteCollection needs maxFineFen and a legal basis</source>
        <translation>onsiteCollection 须有 maxFineFen 和法律依据</translation>
    </message>
    <message>
        <source>The simple procedure allows only a warning or a small fine; “%1” needs the general procedure</source>
        <translation>简易程序只适用于警告或数额较小的罚款；“%1”须适用普通程序</translation>
    </message>
    <message>
        <source>a legal person or other organisation</source>
        <translation>法人或者其他组织</translation>
    </message>
    <message>
        <source>a citizen</source>
        <translation>公民</translation>
    </message>
    <message>
        <source>A fine of %1 元 for %2 exceeds the %3 元 limit of the simple procedure: use the general procedure</source>
        <translation>对%2处 %1 元罚款，超过简易程序 %3 元的限额：须适用普通程序</translation>
    </message>
    <message>
        <source>The simple procedure may be used</source>
        <translation>可以适用简易程序</translation>
    </message>
    <message>
        <source>Fines up to %1 元 may be collected on the spot</source>
        <translation>%1 元以下的罚款可以当场收缴</translation>
    </message>
    <message>
        <source>Collected on the spot because it would be hard to enforce later</source>
        <translation>因事后难以执行而当场收缴</translation>
    </message>
    <message>
        <source>Collected on the spot at the party&apos;s request in a remote, water or poorly connected area</source>
        <translation>在边远、水上、交通不便地区，应当事人要求当场收缴</translation>
    </message>
    <message>
        <source>In a remote area a fine may be collected on the spot only if the party asks for it</source>
        <translation>在边远地区，只有当事人提出要求的，才可以当场收缴罚款</translation>
    </message>
    <message>
        <source>A fine of %1 元 may not be collected on the spot: it must be paid at the designated bank or electronically</source>
        <translation>%1 元的罚款不得当场收缴：须到指定的银行缴纳或通过电子支付系统缴纳</translation>
    </message>
    <message>
        <source>At least %1 enforcement officers must act together</source>
        <translation>须由至少 %1 名执法人员共同办理</translation>
    </message>
    <message>
        <source>Registry record %1: a vehicle without a plate</source>
        <translation>登记库第 %1 条记录：车辆没有号牌</translation>
    </message>
    <message>
        <source>Registry record %1 has an unknown type “%2”</source>
        <translation>登记库第 %1 条记录的类型“%2”未知</translation>
    </message>
    <message>
        <source>This is not a registry pack</source>
        <translation>这不是离线登记库数据包</translation>
    </message>
    <message>
        <source>The registry pack does not say when it was exported</source>
        <translation>离线登记库数据包未注明导出时间</translation>
    </message>
    <message>
        <source>Registry record %1 is not a JSON object</source>
        <translation>登记库第 %1 条记录不是 JSON 对象</translation>
    </message>
    <message>
        <source>Could not read the registry data</source>
        <translation>无法读取离线登记库数据</translation>
    </message>
    <message>
        <source>The registry data does not match its signed digest; nothing was imported</source>
        <translation>离线登记库数据与其签名摘要不符；未导入任何数据</translation>
    </message>
    <message>
        <source>The registry pack declares %1 records but holds %2; nothing was imported</source>
        <translation>离线登记库数据包声明有 %1 条记录，实际包含 %2 条；未导入任何数据</translation>
    </message>
    <message>
        <source>This registry version is already imported; the registry in force is unchanged</source>
        <translation>该版本的离线登记库已导入；现行登记库未作改变</translation>
    </message>
    <message>
        <source>No %1 reference data is installed; import the reference packs (fieldcase-admin reference import)</source>
        <translation>未安装 %1 参考数据；请导入参考数据包（fieldcase-admin reference import）</translation>
    </message>
    <message>
        <source>The unit settings lack “%1”</source>
        <translation>执法单位设置中缺少“%1”</translation>
    </message>
    <message>
        <source>Import the violation catalogue before the discretion standard</source>
        <translation>请先导入违法行为目录，再导入裁量基准</translation>
    </message>
    <message>
        <source>Registry packs are imported with their data file (fieldcase-admin reference import PACK DATA)</source>
        <translation>离线登记库数据包须与其数据文件一并导入（fieldcase-admin reference import PACK DATA）</translation>
    </message>
    <message>
        <source>Unknown pack kind “%1”</source>
        <translation>未知的数据包类型“%1”</translation>
    </message>
    <message>
        <source>The simple-procedure limits differ between the violations and procedures packs; the stricter applies</source>
        <translation>违法行为数据包与程序数据包中的简易程序限额不一致；适用较严格的限额</translation>
    </message>
    <message>
        <source>The check character should be %1, not %2</source>
        <translation>校验码应为 %1，而不是 %2</translation>
    </message>
    <message>
        <source>Character %1 (“%2”) should be a digit</source>
        <translation>第 %1 位（“%2”）应为数字</translation>
    </message>
    <message>
        <source>The check character (the last one) should be a digit or X, not “%1”</source>
        <translation>校验码（最后一位）应为数字或 X，而不是“%1”</translation>
    </message>
    <message>
        <source>The number starts with “%1”, which is not a province code (GB/T 2260)</source>
        <translation>号码以“%1”开头，这不是省级行政区划代码（GB/T 2260）</translation>
    </message>
    <message>
        <source>The birth date %1 does not exist</source>
        <translation>出生日期 %1 不存在</translation>
    </message>
    <message>
        <source>The birth date %1 is before 1800</source>
        <translation>出生日期 %1 早于 1800 年</translation>
    </message>
    <message>
        <source>The birth date %1 is in the future</source>
        <translation>出生日期 %1 晚于当前日期</translation>
    </message>
    <message>
        <source>Plates of the ordinary 7-character layout</source>
        <translation>普通 7 位号牌</translation>
    </message>
    <message>
        <source>Small new-energy plates</source>
        <translation>小型新能源汽车号牌</translation>
    </message>
    <message>
        <source>Large new-energy plates (yellow-green, which JT/T 697.7 has no code for)</source>
        <translation>大型新能源汽车号牌（黄绿双拼色，JT/T 697.7 中没有对应的颜色代码）</translation>
    </message>
    <message>
        <source>Trailer plates (挂)</source>
        <translation>挂车号牌（挂）</translation>
    </message>
    <message>
        <source>Driving-school plates (学)</source>
        <translation>教练汽车号牌（学）</translation>
    </message>
    <message>
        <source>Police plates (警)</source>
        <translation>警用汽车号牌（警）</translation>
    </message>
    <message>
        <source>Hong Kong cross-border plates (港)</source>
        <translation>香港入出境车号牌（港）</translation>
    </message>
    <message>
        <source>Macau cross-border plates (澳)</source>
        <translation>澳门入出境车号牌（澳）</translation>
    </message>
    <message>
        <source>Consulate plates (领)</source>
        <translation>领馆汽车号牌（领）</translation>
    </message>
    <message>
        <source>Embassy plates (使)</source>
        <translation>使馆汽车号牌（使）</translation>
    </message>
    <message>
        <source>no plate (0)</source>
        <translation>无号牌（0）</translation>
    </message>
    <message>
        <source>blue (1)</source>
        <translation>蓝色（1）</translation>
    </message>
    <message>
        <source>yellow (2)</source>
        <translation>黄色（2）</translation>
    </message>
    <message>
        <source>black (3)</source>
        <translation>黑色（3）</translation>
    </message>
    <message>
        <source>white (4)</source>
        <translation>白色（4）</translation>
    </message>
    <message>
        <source>green (5)</source>
        <translation>绿色（5）</translation>
    </message>
    <message>
        <source>other (9)</source>
        <translation>其他（9）</translation>
    </message>
    <message>
        <source>%1 or %2</source>
        <translation>%1或%2</translation>
    </message>
    <message>
        <source>The letter I (character %1) is not used in plate numbers; did you mean 1?</source>
        <translation>号牌号码中不使用字母 I（第 %1 位）；是否应为数字 1？</translation>
    </message>
    <message>
        <source>The letter O (character %1) is not used in plate numbers; did you mean 0?</source>
        <translation>号牌号码中不使用字母 O（第 %1 位）；是否应为数字 0？</translation>
    </message>
    <message>
        <source>“%1” (character %2) can only be the last character of a plate</source>
        <translation>“%1”（第 %2 位）只能是号牌的最后一个字符</translation>
    </message>
    <message>
        <source>“%1” (character %2) is not allowed in a plate number; use digits and capital letters</source>
        <translation>号牌号码中不允许出现“%1”（第 %2 位）；请使用数字和大写字母</translation>
    </message>
    <message>
        <source>The plate “%1” is too short: ordinary plates have 7 characters and new-energy plates 8, this one has %2</source>
        <translation>号牌“%1”过短：普通号牌为 7 位，新能源汽车号牌为 8 位，而该号牌只有 %2 位</translation>
    </message>
    <message>
        <source>An embassy plate is 使 followed by 6 digits</source>
        <translation>使馆汽车号牌由“使”字加 6 位数字组成</translation>
    </message>
    <message>
        <source>Unknown province abbreviation “%1”</source>
        <translation>未知的省份简称“%1”</translation>
    </message>
    <message>
        <source>The issuing-authority letter cannot be %1 (I and O are not used)</source>
        <translation>发牌机关代号不能为 %1（不使用 I 和 O）</translation>
    </message>
    <message>
        <source>The second character should be the issuing-authority letter (A–Z), not “%1”</source>
        <translation>第二位应为发牌机关代号（A–Z），而不是“%1”</translation>
    </message>
    <message>
        <source>A plate ending in “%1” has 4 characters between the issuing-authority letter and “%1”, not %2</source>
        <translation>以“%1”结尾的号牌，发牌机关代号与“%1”之间应有 4 位字符，而不是 %2 位</translation>
    </message>
    <message>
        <source>Plates ending in “%1” are issued as 粤Z…%1, not %2%3…%1</source>
        <translation>以“%1”结尾的号牌应为粤Z…%1的形式，而不是%2%3…%1</translation>
    </message>
    <message>
        <source>The plate “%1” is too long: ordinary plates have 7 characters and new-energy plates 8, this one has %2</source>
        <translation>号牌“%1”过长：普通号牌为 7 位，新能源汽车号牌为 8 位，而该号牌有 %2 位</translation>
    </message>
    <message>
        <source>A large new-energy plate has five digits before D or F; “%1” (character %2) is not a digit</source>
        <translation>大型新能源汽车号牌在 D 或 F 之前为 5 位数字；“%1”（第 %2 位）不是数字</translation>
    </message>
    <message>
        <source>A large new-energy plate ends in D (pure electric) or F (other new-energy), not “%1”</source>
        <translation>大型新能源汽车号牌应以 D（纯电动）或 F（非纯电动）结尾，而不是“%1”</translation>
    </message>
    <message>
        <source>A new-energy plate number starts with D, A, B, C or E (pure electric) or F, G, H, J or K (other new-energy), not “%1”</source>
        <translation>新能源汽车号牌号码应以 D、A、B、C、E（纯电动）或 F、G、H、J、K（非纯电动）开头，而不是“%1”</translation>
    </message>
    <message>
        <source>The last four characters of a small new-energy plate are digits; “%1” (character %2) is not</source>
        <translation>小型新能源汽车号牌的最后四位应为数字；“%1”（第 %2 位）不是数字</translation>
    </message>
    <message>
        <source>The resident ID number is empty</source>
        <translation>居民身份证号码为空</translation>
    </message>
    <message>
        <source>Character %1 (“%2”) should be a digit: 15-digit ID numbers have digits only</source>
        <translation>第 %1 位（“%2”）应为数字：15 位身份证号码只包含数字</translation>
    </message>
    <message>
        <source>A resident ID number has 18 characters (15 on cards issued before 1999), not %1</source>
        <translation>居民身份证号码应为 18 位（1999 年以前签发的为 15 位），而不是 %1 位</translation>
    </message>
    <message>
        <source>The organization code is empty</source>
        <translation>组织机构代码为空</translation>
    </message>
    <message>
        <source>The hyphen goes before the check character: XXXXXXXX-X</source>
        <translation>连字符应位于校验码之前：XXXXXXXX-X</translation>
    </message>
    <message>
        <source>An organization code has 9 characters (8 and a check character), not %1</source>
        <translation>组织机构代码应为 9 位（8 位本体代码加 1 位校验码），而不是 %1 位</translation>
    </message>
    <message>
        <source>Character %1 (“%2”) should be a digit or a capital letter</source>
        <translation>第 %1 位（“%2”）应为数字或大写字母</translation>
    </message>
    <message>
        <source>The check character should be a digit or X, not “%1”</source>
        <translation>校验码应为数字或 X，而不是“%1”</translation>
    </message>
    <message>
        <source>The unified social credit code is empty</source>
        <translation>统一社会信用代码为空</translation>
    </message>
    <message>
        <source>A unified social credit code has 18 characters, not %1</source>
        <translation>统一社会信用代码应为 18 位，而不是 %1 位</translation>
    </message>
    <message>
        <source>The letter %1 (character %2) is not used in unified social credit codes (they have no I, O, S, V or Z)</source>
        <translation>统一社会信用代码中不使用字母 %1（第 %2 位）（代码中不含 I、O、S、V、Z）</translation>
    </message>
    <message>
        <source>“%1” is not a registration authority code (the first character)</source>
        <translation>“%1”不是登记管理部门代码（第 1 位）</translation>
    </message>
    <message>
        <source>“%1” is not an entity type of registration authority %2 (%3) (the second character)</source>
        <translation>“%1”不是登记管理部门 %2（%3）的机构类别代码（第 2 位）</translation>
    </message>
    <message>
        <source>Characters 3–8 are the region code and should be digits, not “%1”</source>
        <translation>第 3–8 位为登记管理机关行政区划码，应为数字，而不是“%1”</translation>
    </message>
    <message>
        <source>The region code %1 (characters 3–8) does not start with a province code (GB/T 2260)</source>
        <translation>行政区划码 %1（第 3–8 位）的开头不是省级行政区划代码（GB/T 2260）</translation>
    </message>
    <message>
        <source>The organization code inside it (characters 9–17, %1) is invalid: its check character should be %2, not %3</source>
        <translation>其中的组织机构代码（第 9–17 位，%1）无效：校验码应为 %2，而不是 %3</translation>
    </message>
    <message>
        <source>The plate number is empty</source>
        <translation>号牌号码为空</translation>
    </message>
    <message>
        <source>Unknown plate colour code “%1”; JT/T 697.7-2014 §5.6 uses 1 blue, 2 yellow, 3 black, 4 white, 5 green, 9 other and 0 no plate</source>
        <translation>未知的号牌颜色代码“%1”；JT/T 697.7-2014 第 5.6 节规定：1 蓝色、2 黄色、3 黑色、4 白色、5 绿色、9 其他、0 无号牌</translation>
    </message>
    <message>
        <source>Colour code 0 means the vehicle has no plate, but a plate number was given</source>
        <translation>颜色代码 0 表示车辆无号牌，但填写了号牌号码</translation>
    </message>
    <message>
        <source>%1 are %2, not %3</source>
        <translation>%1的颜色应为%2，而不是%3</translation>
    </message>
    <message>
        <source>The vessel name is empty</source>
        <translation>船名为空</translation>
    </message>
    <message>
        <source>“%1” is not allowed in a vessel name; use Chinese characters, letters and digits</source>
        <translation>船名中不允许出现“%1”；请使用汉字、字母和数字</translation>
    </message>
    <message>
        <source>A vessel name has at least 2 characters</source>
        <translation>船名至少为 2 个字符</translation>
    </message>
    <message>
        <source>A vessel name has at most 30 characters, this one has %1</source>
        <translation>船名最多为 30 个字符，该船名有 %1 个字符</translation>
    </message>
    <message>
        <source>The reference data has no pattern “%1”; import a codes pack that defines it</source>
        <translation>参考数据中没有格式规则“%1”；请导入定义该规则的代码数据包</translation>
    </message>
    <message>
        <source>The %1 is empty</source>
        <translation>%1为空</translation>
    </message>
    <message>
        <source>“%1” is not a valid %2: expected %3</source>
        <translation>“%1”不是有效的%2：应为%3</translation>
    </message>
    <message>
        <source>Step %1: “at” is not an ISO date-time</source>
        <translation>第 %1 步：“at”不是 ISO 格式的日期时间</translation>
    </message>
    <message>
        <source>Step %1: advance needs “at”</source>
        <translation>第 %1 步：advance 操作须有“at”</translation>
    </message>
    <message>
        <source>Step %1: open a case first</source>
        <translation>第 %1 步：请先新建案件</translation>
    </message>
    <message>
        <source>The party&apos;s identification number is invalid: %1</source>
        <translation>当事人证件号码无效：%1</translation>
    </message>
    <message>
        <source>The plate is invalid: %1</source>
        <translation>号牌无效：%1</translation>
    </message>
    <message>
        <source>The vehicle or its operator has unpaid penalties of %1 元</source>
        <translation>该车辆或其经营者有未缴罚款 %1 元</translation>
    </message>
    <message>
        <source>The vehicle is not in the offline registry</source>
        <translation>该车辆不在离线登记库中</translation>
    </message>
    <message>
        <source>Step %1: select a violation first</source>
        <translation>第 %1 步：请先选择违法行为</translation>
    </message>
    <message>
        <source>The amount is outside the discretion band; a written reason is required</source>
        <translation>金额超出裁量幅度：须书面说明理由</translation>
    </message>
    <message>
        <source>No procedures reference data is installed</source>
        <translation>未安装程序参考数据</translation>
    </message>
    <message>
        <source>There is no measure %1 in this case</source>
        <translation>本案中没有编号为 %1 的强制措施</translation>
    </message>
    <message>
        <source>No deadline reference data is installed</source>
        <translation>未安装期限参考数据</translation>
    </message>
    <message>
        <source>Step %1: unknown action “%2”</source>
        <translation>第 %1 步：未知操作“%2”</translation>
    </message>
    <message>
        <source>The scenario needs a “start” date-time</source>
        <translation>场景须有“start”日期时间</translation>
    </message>
    <message>
        <source>A number block needs an id, a document type, a year, a range first ≤ last (from 1) and a pattern with {seq}</source>
        <translation>文书编号号段须有编号、文书类型、年度、起止范围（从 1 开始，起始号 ≤ 终止号）以及含 {seq} 的编号格式</translation>
    </message>
    <message>
        <source>The numbers overlap block %1 of the same document type and year</source>
        <translation>编号与同一文书类型、同一年度的号段 %1 重叠</translation>
    </message>
    <message>
        <source>No document numbers are left for %1 in %2: load a new number block (fieldcase-admin numbers load) or sync with the centre</source>
        <translation>%2 年度的%1已无可用文书编号：请载入新的号段（fieldcase-admin numbers load）或与中心同步</translation>
    </message>
    <message>
        <source>Only %1 numbers left for %2 this year: request a new block</source>
        <translation>%2 本年度仅剩 %1 个编号：请申请新的号段</translation>
    </message>
    <message>
        <source>No issued document with this id</source>
        <translation>没有该编号的已开具文书</translation>
    </message>
    <message>
        <source>The document is voided and cannot be printed</source>
        <translation>该文书已作废，不能打印</translation>
    </message>
    <message>
        <source>The card-profiles pack has no “profiles” list</source>
        <translation>卡片配置数据包中没有“profiles”列表</translation>
    </message>
    <message>
        <source>Every card profile needs an “id” and a “kind”</source>
        <translation>每个卡片配置都须有“id”和“kind”</translation>
    </message>
    <message>
        <source>The card profile “%1” is listed twice</source>
        <translation>卡片配置“%1”被重复列出</translation>
    </message>
</context>
<context>
    <name>Devices</name>
    <message>
        <source>The image is empty; there is nothing to scan.</source>
        <translation>图像为空，没有可识别的内容。</translation>
    </message>
    <message>
        <source>No barcode format was selected.</source>
        <translation>未选择条码格式。</translation>
    </message>
    <message>
        <source>The image could not be converted to grayscale.</source>
        <translation>图像无法转换为灰度。</translation>
    </message>
    <message>
        <source>The barcode decoder failed.</source>
        <translation>条码解码失败。</translation>
    </message>
    <message>
        <source>The image file does not exist.</source>
        <translation>图像文件不存在。</translation>
    </message>
    <message>
        <source>The image file could not be read: %1</source>
        <translation>无法读取图像文件：%1</translation>
    </message>
    <message>
        <source>FieldCase document</source>
        <translation>执法文书</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>链接</translation>
    </message>
    <message>
        <source>ID number (unverified)</source>
        <translation>身份证号（未核验）</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>The receiver reports no valid fix.</source>
        <translation>定位接收机报告无有效定位。</translation>
    </message>
    <message>
        <source>The receiver has neither a 2D nor a 3D fix.</source>
        <translation>定位接收机既无二维也无三维定位。</translation>
    </message>
    <message>
        <source>The receiver did not report HDOP.</source>
        <translation>定位接收机未报告水平精度因子（HDOP）。</translation>
    </message>
    <message>
        <source>HDOP %1 is above the limit of %2.</source>
        <translation>HDOP 为 %1，超过上限 %2。</translation>
    </message>
    <message>
        <source>Only %1 satellites used; at least %2 needed.</source>
        <translation>仅使用 %1 颗卫星，至少需要 %2 颗。</translation>
    </message>
    <message>
        <source>There has been no valid fix yet.</source>
        <translation>尚未获得有效定位。</translation>
    </message>
    <message>
        <source>The last valid fix is %1 s old (limit %2 s).</source>
        <translation>最近一次有效定位已过去 %1 秒（上限 %2 秒）。</translation>
    </message>
    <message>
        <source>Satellite time and device time differ by %1 s (limit %2 s); one of the clocks is wrong or the signal is spoofed.</source>
        <translation>卫星时间与设备时间相差 %1 秒（上限 %2 秒）；其中一个时钟有误，或信号被欺骗。</translation>
    </message>
    <message>
        <source>The position jumped %1 m in %2 s (%3 km/h); this is not physically possible.</source>
        <translation>位置在 %2 秒内跳变 %1 米（%3 千米/小时），物理上不可能。</translation>
    </message>
    <message>
        <source>Invalid baud rate in &quot;%1&quot;.</source>
        <translation>“%1”中的波特率无效。</translation>
    </message>
    <message>
        <source>No serial port given.</source>
        <translation>未指定串口。</translation>
    </message>
    <message>
        <source>Cannot open the GNSS port %1: %2</source>
        <translation>无法打开定位串口 %1：%2</translation>
    </message>
    <message>
        <source>Expected host:port, got &quot;%1&quot;.</source>
        <translation>应为“主机:端口”，实际为“%1”。</translation>
    </message>
    <message>
        <source>Unsupported GNSS source &quot;%1&quot;.</source>
        <translation>不支持的定位来源“%1”。</translation>
    </message>
    <message>
        <source>Cannot open the NMEA log %1: %2</source>
        <translation>无法打开 NMEA 日志 %1：%2</translation>
    </message>
    <message>
        <source>The GNSS server closed the connection.</source>
        <translation>定位服务器关闭了连接。</translation>
    </message>
    <message>
        <source>Cannot open the NMEA recording %1: %2</source>
        <translation>无法打开 NMEA 记录 %1：%2</translation>
    </message>
    <message>
        <source>The NMEA recording %1 contains no sentences.</source>
        <translation>NMEA 记录 %1 中没有任何语句。</translation>
    </message>
    <message>
        <source>Invalid replay interval in &quot;%1&quot;.</source>
        <translation>“%1”中的回放间隔无效。</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>GNSS receiver</source>
        <translation>定位接收机</translation>
    </message>
    <message>
        <source>IC card reader</source>
        <translation>IC卡读卡器</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>相机</translation>
    </message>
    <message>
        <source>Body-worn recorder</source>
        <translation>执法记录仪</translation>
    </message>
    <message>
        <source>Barcode scanner</source>
        <translation>条码扫描枪</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>setting &quot;%1&quot; has the wrong type</source>
        <translation>设置项“%1”的类型不正确</translation>
    </message>
    <message>
        <source>setting &quot;%1&quot; must be one of: %2</source>
        <translation>设置项“%1”必须为以下取值之一：%2</translation>
    </message>
    <message>
        <source>setting &quot;%1&quot; is below %2</source>
        <translation>设置项“%1”小于下限 %2</translation>
    </message>
    <message>
        <source>setting &quot;%1&quot; is above %2</source>
        <translation>设置项“%1”大于上限 %2</translation>
    </message>
    <message>
        <source>a setting is not an object</source>
        <translation>有设置项不是 JSON 对象</translation>
    </message>
    <message>
        <source>a setting has no valid &quot;key&quot;</source>
        <translation>有设置项没有有效的“key”</translation>
    </message>
    <message>
        <source>setting &quot;%1&quot; has an unknown type</source>
        <translation>设置项“%1”的类型未知</translation>
    </message>
    <message>
        <source>setting &quot;%1&quot; has no title</source>
        <translation>设置项“%1”没有标题（title）</translation>
    </message>
    <message>
        <source>default value: %1</source>
        <translation>默认值：%1</translation>
    </message>
    <message>
        <source>the metadata has no valid &quot;id&quot;</source>
        <translation>元数据中没有有效的“id”</translation>
    </message>
    <message>
        <source>unknown device kind &quot;%1&quot;</source>
        <translation>未知的设备类型“%1”</translation>
    </message>
    <message>
        <source>the metadata has no &quot;apiVersion&quot;</source>
        <translation>元数据中没有“apiVersion”</translation>
    </message>
    <message>
        <source>built for device API version %1; this FieldCase supports version %2</source>
        <translation>该插件按设备接口（API）第 %1 版构建；本版 FieldCase 支持第 %2 版</translation>
    </message>
    <message>
        <source>the metadata needs a &quot;vendor&quot; and a &quot;title&quot;</source>
        <translation>元数据须有“vendor”和“title”</translation>
    </message>
    <message>
        <source>the metadata must say whether the plugin is a &quot;simulator&quot;</source>
        <translation>元数据须用“simulator”注明该插件是否为模拟器</translation>
    </message>
    <message>
        <source>the metadata has no &quot;settings&quot; list</source>
        <translation>元数据中没有“settings”列表</translation>
    </message>
    <message>
        <source>setting &quot;%1&quot; is declared twice</source>
        <translation>设置项“%1”被重复声明</translation>
    </message>
    <message>
        <source>plugin %1 has no setting &quot;%2&quot;</source>
        <translation>插件 %1 没有设置项“%2”</translation>
    </message>
    <message>
        <source>setting &quot;%1&quot; is required</source>
        <translation>设置项“%1”为必填项</translation>
    </message>
    <message>
        <source>The device profile is not valid JSON: %1</source>
        <translation>设备配置不是有效的 JSON：%1</translation>
    </message>
    <message>
        <source>The device profile has format %1; this FieldCase reads format %2</source>
        <translation>设备配置的格式版本为 %1；本版 FieldCase 只能读取格式版本 %2</translation>
    </message>
    <message>
        <source>The device profile has no name</source>
        <translation>设备配置没有名称</translation>
    </message>
    <message>
        <source>Device slot name &quot;%1&quot; is not valid (lowercase letters, digits, dashes)</source>
        <translation>设备位名称“%1”无效（只能使用小写字母、数字和连字符）</translation>
    </message>
    <message>
        <source>Device slot &quot;%1&quot; names no plugin</source>
        <translation>设备位“%1”未指定插件</translation>
    </message>
    <message>
        <source>Device slot &quot;%1&quot; appears twice</source>
        <translation>设备位“%1”重复出现</translation>
    </message>
    <message>
        <source>Cannot read the device profile %1: %2</source>
        <translation>无法读取设备配置 %1：%2</translation>
    </message>
    <message>
        <source>the plugin did not create its factory</source>
        <translation>插件未能创建其设备工厂</translation>
    </message>
    <message>
        <source>the plugin does not implement the device factory interface</source>
        <translation>插件未实现设备工厂接口</translation>
    </message>
    <message>
        <source>not a Qt plugin, or built with an incompatible Qt (%1)</source>
        <translation>不是 Qt 插件，或构建所用的 Qt 版本不兼容（%1）</translation>
    </message>
    <message>
        <source>implements &quot;%1&quot;, not the FieldCase device interface</source>
        <translation>实现的是“%1”接口，而不是 FieldCase 设备接口</translation>
    </message>
    <message>
        <source>another plugin already has the id %1</source>
        <translation>已有其他插件使用编号 %1</translation>
    </message>
    <message>
        <source>No device plugin &quot;%1&quot; is installed (slot %2)</source>
        <translation>未安装设备插件“%1”（设备位 %2）</translation>
    </message>
    <message>
        <source>Settings of device &quot;%1&quot; are not valid: %2</source>
        <translation>设备“%1”的设置无效：%2</translation>
    </message>
    <message>
        <source>Plugin %1 could not be loaded: %2</source>
        <translation>无法加载插件 %1：%2</translation>
    </message>
    <message>
        <source>Plugin %1 made no device</source>
        <translation>插件 %1 未创建设备</translation>
    </message>
    <message>
        <source>Plugin %1 made a device that does not match its metadata</source>
        <translation>插件 %1 创建的设备与其元数据不符</translation>
    </message>
    <message>
        <source>No camera is connected.</source>
        <translation>未连接相机。</translation>
    </message>
    <message>
        <source>The camera is not ready.</source>
        <translation>相机尚未就绪。</translation>
    </message>
    <message>
        <source>This camera cannot record video.</source>
        <translation>该相机不能录像。</translation>
    </message>
    <message>
        <source>Camera error: %1</source>
        <translation>相机故障：%1</translation>
    </message>
    <message>
        <source>Photo failed: %1</source>
        <translation>拍照失败：%1</translation>
    </message>
    <message>
        <source>Recording failed: %1</source>
        <translation>录像失败：%1</translation>
    </message>
    <message>
        <source>Cannot write the photo to %1.</source>
        <translation>无法将照片写入 %1。</translation>
    </message>
    <message>
        <source>Time unknown</source>
        <translation>时间未知</translation>
    </message>
    <message>
        <source>No position</source>
        <translation>无定位</translation>
    </message>
    <message>
        <source>Case %1</source>
        <translation>案件 %1</translation>
    </message>
    <message>
        <source>Imported from camera folder, file %1. Time from: %2%3.</source>
        <translation>从相机目录导入，文件 %1。时间来源：%2%3。</translation>
    </message>
    <message>
        <source> (low confidence)</source>
        <translation>（可信度低）</translation>
    </message>
    <message>
        <source>The photo %1 cannot be decoded for a caption.</source>
        <translation>无法解码照片 %1，不能为其添加标注。</translation>
    </message>
    <message>
        <source>The captioned copy could not be encoded.</source>
        <translation>无法生成带标注的照片副本（编码失败）。</translation>
    </message>
    <message>
        <source>%1 (captioned copy)</source>
        <translation>%1（标注副本）</translation>
    </message>
    <message>
        <source>Captioned copy derived from evidence %1, %2:%3; the original is kept unchanged.</source>
        <translation>由证据 %1（%2:%3）生成的标注副本；原件保持不变。</translation>
    </message>
    <message>
        <source>The card profile is invalid at %1: %2</source>
        <translation>卡片配置在 %1 处无效：%2</translation>
    </message>
    <message>
        <source>expected a non-empty text</source>
        <translation>应为非空文本</translation>
    </message>
    <message>
        <source>expected a whole number from %1 to %2</source>
        <translation>应为 %1 至 %2 之间的整数</translation>
    </message>
    <message>
        <source>expected true or false</source>
        <translation>应为 true 或 false</translation>
    </message>
    <message>
        <source>expected %1 bytes of hex</source>
        <translation>应为 %1 个字节的十六进制数</translation>
    </message>
    <message>
        <source>expected %1 to %2 bytes of hex</source>
        <translation>应为 %1 至 %2 个字节的十六进制数</translation>
    </message>
    <message>
        <source>expected an object with &quot;en&quot; and &quot;zh&quot; texts</source>
        <translation>应为含“en”和“zh”文本的对象</translation>
    </message>
    <message>
        <source>unknown key</source>
        <translation>未知的键</translation>
    </message>
    <message>
        <source>expected an object</source>
        <translation>应为对象</translation>
    </message>
    <message>
        <source>3F00 and FFFF are not elementary file ids</source>
        <translation>3F00 和 FFFF 不是基本文件（EF）标识符</translation>
    </message>
    <message>
        <source>expected &quot;transparent&quot; or &quot;record&quot;</source>
        <translation>应为“transparent”或“record”</translation>
    </message>
    <message>
        <source>only transparent files have a size</source>
        <translation>只有透明文件（transparent）才有大小（size）</translation>
    </message>
    <message>
        <source>expected letters, digits and _ (&quot;plateNumber&quot;)</source>
        <translation>应为字母、数字和 _（如“plateNumber”）</translation>
    </message>
    <message>
        <source>no file &quot;%1&quot; in &quot;files&quot;</source>
        <translation>“files”中没有文件“%1”</translation>
    </message>
    <message>
        <source>a field of a record file needs a record number</source>
        <translation>记录文件中的字段须指定记录号</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a transparent file</source>
        <translation>“%1”是透明文件，不能指定记录号</translation>
    </message>
    <message>
        <source>the field ends beyond the %1-byte file &quot;%2&quot;</source>
        <translation>字段超出了文件“%2”的范围（该文件共 %1 字节）</translation>
    </message>
    <message>
        <source>&quot;index&quot; needs a &quot;delimiter&quot;</source>
        <translation>使用“index”须同时指定“delimiter”</translation>
    </message>
    <message>
        <source>expected one of utf-8, gbk, ascii, bcd, bcd-date, hex</source>
        <translation>应为 utf-8、gbk、ascii、bcd、bcd-date、hex 之一</translation>
    </message>
    <message>
        <source>expected &quot;ascii&quot; or &quot;bcd&quot;</source>
        <translation>应为“ascii”或“bcd”</translation>
    </message>
    <message>
        <source>greater than maxLength</source>
        <translation>大于 maxLength</translation>
    </message>
    <message>
        <source>shorter than the longest PIN</source>
        <translation>小于最长 PIN 码的长度</translation>
    </message>
    <message>
        <source>The card holds a number that is not BCD (%1).</source>
        <translation>卡内存有非 BCD 编码的数字（%1）。</translation>
    </message>
    <message>
        <source>The PIN may contain digits only.</source>
        <translation>PIN 码只能包含数字。</translation>
    </message>
    <message>
        <source>The PIN has %1 digits.</source>
        <translation>PIN 码应为 %1 位数字。</translation>
    </message>
    <message>
        <source>The PIN has %1 to %2 digits.</source>
        <translation>PIN 码应为 %1 至 %2 位数字。</translation>
    </message>
    <message>
        <source>expected &quot;%1&quot;</source>
        <translation>应为“%1”</translation>
    </message>
    <message>
        <source>expected officer-certificate, road-transport-certificate or qualification-certificate</source>
        <translation>应为 officer-certificate、road-transport-certificate 或 qualification-certificate</translation>
    </message>
    <message>
        <source>expected an object with &quot;aid&quot;</source>
        <translation>应为含“aid”的对象</translation>
    </message>
    <message>
        <source>expected 00 (return FCI) or 0C (no data)</source>
        <translation>应为 00（返回 FCI）或 0C（不返回数据）</translation>
    </message>
    <message>
        <source>expected a non-empty list</source>
        <translation>应为非空列表</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is listed twice</source>
        <translation>“%1”被重复列出</translation>
    </message>
    <message>
        <source>the profile has no &quot;pin&quot; to verify</source>
        <translation>该配置中没有可校验的“pin”</translation>
    </message>
    <message>
        <source>Card profile %1: %2</source>
        <translation>卡片配置 %1：%2</translation>
    </message>
    <message>
        <source>The card profile is not JSON (%1 at byte %2).</source>
        <translation>卡片配置不是有效的 JSON（第 %2 字节处：%1）。</translation>
    </message>
    <message>
        <source>The card holds an invalid date (%1).</source>
        <translation>卡内存有无效日期（%1）。</translation>
    </message>
    <message>
        <source>The card holds a text that is not ASCII.</source>
        <translation>卡内文本不是 ASCII 编码。</translation>
    </message>
    <message>
        <source>This system cannot decode GBK text.</source>
        <translation>本系统无法解码 GBK 文本。</translation>
    </message>
    <message>
        <source>The card holds a text that is not UTF-8.</source>
        <translation>卡内文本不是 UTF-8 编码。</translation>
    </message>
    <message>
        <source>The card holds a text that is not GBK.</source>
        <translation>卡内文本不是 GBK 编码。</translation>
    </message>
    <message>
        <source>Expected a card-profiles pack, got &quot;%1&quot;.</source>
        <translation>应为卡片配置数据包，实际为“%1”。</translation>
    </message>
    <message>
        <source>The card-profiles pack &quot;%1&quot; has no &quot;profiles&quot; list.</source>
        <translation>卡片配置数据包“%1”中没有“profiles”列表。</translation>
    </message>
    <message>
        <source>The card reader is not connected.</source>
        <translation>读卡器未连接。</translation>
    </message>
    <message>
        <source>There is no card in the reader.</source>
        <translation>读卡器中没有卡片。</translation>
    </message>
    <message>
        <source>The card was removed while it was being read. Insert it again.</source>
        <translation>读卡过程中卡片被取出。请重新插卡。</translation>
    </message>
    <message>
        <source>The card does not respond. Take it out and insert it again.</source>
        <translation>卡片无响应。请取出后重新插入。</translation>
    </message>
    <message>
        <source>Another program is using the card.</source>
        <translation>另一个程序正在使用该卡片。</translation>
    </message>
    <message>
        <source>The card reader failed (%1).</source>
        <translation>读卡器故障（%1）。</translation>
    </message>
    <message>
        <source>verification failed, %1 tries left</source>
        <translation>校验失败，还可尝试 %1 次</translation>
    </message>
    <message>
        <source>end of file reached before reading all bytes</source>
        <translation>未读完全部字节即已到达文件末尾</translation>
    </message>
    <message>
        <source>memory failure</source>
        <translation>存储器故障</translation>
    </message>
    <message>
        <source>wrong length</source>
        <translation>长度错误</translation>
    </message>
    <message>
        <source>command incompatible with the file structure</source>
        <translation>命令与文件结构不兼容</translation>
    </message>
    <message>
        <source>security status not satisfied</source>
        <translation>安全状态不满足</translation>
    </message>
    <message>
        <source>authentication method blocked</source>
        <translation>认证方法已锁定</translation>
    </message>
    <message>
        <source>conditions of use not satisfied</source>
        <translation>使用条件不满足</translation>
    </message>
    <message>
        <source>command not allowed (no current file)</source>
        <translation>命令不允许（无当前文件）</translation>
    </message>
    <message>
        <source>function not supported</source>
        <translation>功能不支持</translation>
    </message>
    <message>
        <source>file or application not found</source>
        <translation>未找到文件或应用</translation>
    </message>
    <message>
        <source>record not found</source>
        <translation>未找到记录</translation>
    </message>
    <message>
        <source>incorrect parameters P1-P2</source>
        <translation>参数 P1-P2 不正确</translation>
    </message>
    <message>
        <source>referenced data not found</source>
        <translation>未找到引用的数据</translation>
    </message>
    <message>
        <source>wrong parameters (offset outside the file)</source>
        <translation>参数错误（偏移量超出文件范围）</translation>
    </message>
    <message>
        <source>instruction not supported</source>
        <translation>指令不支持</translation>
    </message>
    <message>
        <source>class not supported</source>
        <translation>指令类别（CLA）不支持</translation>
    </message>
    <message>
        <source>unexpected status</source>
        <translation>意外的状态字</translation>
    </message>
    <message>
        <source>%1: the card answered %2 (%3).</source>
        <translation>%1：卡片返回 %2（%3）。</translation>
    </message>
    <message>
        <source>The card sent a malformed answer.</source>
        <translation>卡片返回的应答格式错误。</translation>
    </message>
    <message>
        <source>This is not a card of the kind &quot;%1&quot; (the application %2 is missing).</source>
        <translation>这不是“%1”类卡片（缺少应用 %2）。</translation>
    </message>
    <message>
        <source>Selecting the card application failed</source>
        <translation>选择卡片应用失败</translation>
    </message>
    <message>
        <source>The card has no readable file %1 (&quot;%2&quot;)</source>
        <translation>卡片中没有可读取的文件 %1（“%2”）</translation>
    </message>
    <message>
        <source>The card has no file %1 (&quot;%2&quot;) that the profile &quot;%3&quot; expects.</source>
        <translation>卡片中没有卡片配置“%3”所要求的文件 %1（“%2”）。</translation>
    </message>
    <message>
        <source>Reading file %1 (&quot;%2&quot;) failed</source>
        <translation>读取文件 %1（“%2”）失败</translation>
    </message>
    <message>
        <source>Reading record %1 of file %2 (&quot;%3&quot;) failed</source>
        <translation>读取文件 %2（“%3”）的第 %1 条记录失败</translation>
    </message>
    <message>
        <source>Checking the PIN failed</source>
        <translation>校验 PIN 码失败</translation>
    </message>
    <message>
        <source>The card does not hold the field &quot;%1&quot; where its profile says: %2.</source>
        <translation>卡片配置所指的位置上没有字段“%1”：%2。</translation>
    </message>
    <message>
        <source>the data is only %1 bytes long</source>
        <translation>数据只有 %1 字节</translation>
    </message>
    <message>
        <source>no tag %1</source>
        <translation>没有标签 %1</translation>
    </message>
    <message>
        <source>This card has no PIN to enter.</source>
        <translation>该卡片无需输入 PIN 码。</translation>
    </message>
    <message>
        <source>The PIN is correct.</source>
        <translation>PIN 码正确。</translation>
    </message>
    <message>
        <source>Enter the PIN: %1 tries left.</source>
        <translation>请输入 PIN 码：还可尝试 %1 次。</translation>
    </message>
    <message>
        <source>Enter the PIN.</source>
        <translation>请输入 PIN 码。</translation>
    </message>
    <message>
        <source>Wrong PIN: %1 tries left.</source>
        <translation>PIN 码错误：还可尝试 %1 次。</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>PIN 码错误。</translation>
    </message>
    <message>
        <source>The PIN is blocked: too many wrong tries. The issuing office can unblock it.</source>
        <translation>PIN 码已锁定：错误次数过多。可由发证机关解锁。</translation>
    </message>
    <message>
        <source>This card does not use a PIN.</source>
        <translation>该卡片不使用 PIN 码。</translation>
    </message>
    <message>
        <source>No card was inserted in time.</source>
        <translation>未在规定时间内插卡。</translation>
    </message>
    <message>
        <source>The card was not removed in time.</source>
        <translation>未在规定时间内取出卡片。</translation>
    </message>
    <message>
        <source>The card is of no kind this terminal knows.</source>
        <translation>本终端无法识别该卡片的类型。</translation>
    </message>
    <message>
        <source>Expected gpsd:, gpsd:host or gpsd:host:port, got &quot;%1&quot;.</source>
        <translation>应为 gpsd:、gpsd:host 或 gpsd:host:port，实际为“%1”。</translation>
    </message>
    <message>
        <source>gpsd at %1:%2 did not answer in time.</source>
        <translation>位于 %1:%2 的 gpsd 未在规定时间内应答。</translation>
    </message>
    <message>
        <source>gpsd at %1:%2: %3</source>
        <translation>gpsd（%1:%2）：%3</translation>
    </message>
    <message>
        <source>gpsd closed the connection.</source>
        <translation>gpsd 关闭了连接。</translation>
    </message>
    <message>
        <source>NMEA log: %1 sentences, %2 with a bad or missing checksum, %3 valid fixes from %4 to %5 (receiver time, UTC)</source>
        <translation>NMEA 日志：%1 条语句，其中 %2 条校验和错误或缺失；%3 个有效定位，时间从 %4 至 %5（接收机时间，UTC）</translation>
    </message>
    <message>
        <source>Cannot read the NMEA log</source>
        <translation>无法读取 NMEA 日志</translation>
    </message>
    <message>
        <source>The file is not an NMEA log: no sentence checks out</source>
        <translation>该文件不是 NMEA 日志：没有一条语句通过校验</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Qt Positioning cannot open %1 (is its nmea plugin installed?)</source>
        <translation>Qt Positioning 无法打开 %1（是否已安装其 nmea 插件？）</translation>
    </message>
    <message>
        <source>Qt Positioning reports error %1</source>
        <translation>Qt Positioning 报告错误 %1</translation>
    </message>
    <message>
        <source>The printer is out of paper</source>
        <translation>打印机缺纸</translation>
    </message>
    <message>
        <source>The printer is offline or not connected</source>
        <translation>打印机脱机或未连接</translation>
    </message>
    <message>
        <source>The print scheduler knows the queue</source>
        <translation>打印调度程序中有该队列</translation>
    </message>
    <message>
        <source>The queue accepts jobs</source>
        <translation>该队列接受打印任务</translation>
    </message>
    <message>
        <source>This printer takes PDF, not ESC/P</source>
        <translation>该打印机接收 PDF，不接收 ESC/P</translation>
    </message>
    <message>
        <source>This printer takes ESC/P, not PDF</source>
        <translation>该打印机接收 ESC/P，不接收 PDF</translation>
    </message>
    <message>
        <source>No card profiles in %1</source>
        <translation>%1 中没有卡片配置</translation>
    </message>
    <message>
        <source>Cannot read %1</source>
        <translation>无法读取 %1</translation>
    </message>
    <message>
        <source>No card reader is connected</source>
        <translation>未连接读卡器</translation>
    </message>
    <message>
        <source>No card profile &quot;%1&quot;</source>
        <translation>没有卡片配置“%1”</translation>
    </message>
    <message>
        <source>The read was cancelled</source>
        <translation>读卡已取消</translation>
    </message>
    <message>
        <source>The PIN check was cancelled</source>
        <translation>PIN 码校验已取消</translation>
    </message>
    <message>
        <source>The smart card service answers</source>
        <translation>智能卡服务有响应</translation>
    </message>
    <message>
        <source>pcscd is not running</source>
        <translation>pcscd 未运行</translation>
    </message>
    <message>
        <source>A card reader is connected</source>
        <translation>已连接读卡器</translation>
    </message>
    <message>
        <source>Card profiles loaded</source>
        <translation>卡片配置已加载</translation>
    </message>
    <message>
        <source>%1 profiles</source>
        <translation>%1 个卡片配置</translation>
    </message>
    <message>
        <source>No camera is connected; photos can be imported from a folder</source>
        <translation>未连接相机；可从目录导入照片</translation>
    </message>
    <message>
        <source>The camera cannot take a photo now</source>
        <translation>相机当前无法拍照</translation>
    </message>
    <message>
        <source>A camera is connected</source>
        <translation>已连接相机</translation>
    </message>
    <message>
        <source>No video input found</source>
        <translation>未找到视频输入设备</translation>
    </message>
    <message>
        <source>The camera is working</source>
        <translation>相机工作正常</translation>
    </message>
    <message>
        <source>This receiver cannot keep a raw log</source>
        <translation>该接收机不能保存原始日志</translation>
    </message>
    <message>
        <source>The receiver has stopped sending data</source>
        <translation>接收机已停止发送数据</translation>
    </message>
    <message>
        <source>The receiver sends fixes</source>
        <translation>接收机正在发送定位</translation>
    </message>
    <message>
        <source>%1 fixes</source>
        <translation>%1 个定位</translation>
    </message>
    <message>
        <source>No fix arrived</source>
        <translation>未收到定位</translation>
    </message>
    <message>
        <source>A fix passes the accuracy gate</source>
        <translation>有定位通过精度检查</translation>
    </message>
    <message>
        <source>The scanner port is open</source>
        <translation>扫描枪端口已打开</translation>
    </message>
    <message>
        <source>No recorder is connected</source>
        <translation>未连接执法记录仪</translation>
    </message>
    <message>
        <source>A recorder is connected</source>
        <translation>已连接执法记录仪</translation>
    </message>
    <message>
        <source>Looked in: %1</source>
        <translation>已查找：%1</translation>
    </message>
    <message>
        <source>Its recordings can be listed</source>
        <translation>可列出其中的记录文件</translation>
    </message>
    <message>
        <source>%1 recordings, %2 entries skipped</source>
        <translation>%1 个记录文件，跳过 %2 项</translation>
    </message>
    <message>
        <source>Cannot reach the print scheduler %1</source>
        <translation>无法连接打印调度程序 %1</translation>
    </message>
    <message>
        <source>The print scheduler has no queue named %1</source>
        <translation>打印调度程序中没有名为 %1 的队列</translation>
    </message>
    <message>
        <source>The print service is not reachable</source>
        <translation>无法连接打印服务</translation>
    </message>
    <message>
        <source>The printer refused the job</source>
        <translation>打印机拒绝了该打印任务</translation>
    </message>
    <message>
        <source>The print service stopped answering: %1</source>
        <translation>打印服务停止响应：%1</translation>
    </message>
    <message>
        <source>No final job state within the time limit</source>
        <translation>在规定时间内未获得打印任务的最终状态</translation>
    </message>
    <message>
        <source>There is nothing to print.</source>
        <translation>没有可打印的内容。</translation>
    </message>
    <message>
        <source>Unsupported printer address &quot;%1&quot;.</source>
        <translation>不支持的打印机地址“%1”。</translation>
    </message>
    <message>
        <source>The case has no events to take a period from.</source>
        <translation>该案件没有可用于确定办案时段的记录。</translation>
    </message>
    <message>
        <source>Recorded by officer %1 of the case.</source>
        <translation>由本案执法人员 %1 录制。</translation>
    </message>
    <message>
        <source>Overlaps the case from %1 to %2.</source>
        <translation>%1 至 %2 与办案时段重叠。</translation>
    </message>
    <message>
        <source>Recorded %1 min from the case period.</source>
        <translation>录制时间距办案时段 %1 分钟。</translation>
    </message>
    <message>
        <source>The recording&apos;s start time is only the file time.</source>
        <translation>该记录的开始时间仅取自文件时间。</translation>
    </message>
    <message>
        <source>The recording&apos;s container time is local time marked as UTC; the file-name time is used.</source>
        <translation>该记录容器中的时间是被标为 UTC 的本地时间；已改用文件名中的时间。</translation>
    </message>
    <message>
        <source>The container time and the file-name time differ by %1 min; check the recorder&apos;s clock.</source>
        <translation>容器时间与文件名时间相差 %1 分钟；请检查执法记录仪的时钟。</translation>
    </message>
    <message>
        <source>No recorder found in %1.</source>
        <translation>在 %1 中未找到执法记录仪。</translation>
    </message>
    <message>
        <source>Cannot read the file: %1</source>
        <translation>无法读取文件：%1</translation>
    </message>
    <message>
        <source>Cannot read %1 on the device: %2</source>
        <translation>无法读取设备上的 %1：%2</translation>
    </message>
    <message>
        <source>The file %1 changed on the device since it was listed.</source>
        <translation>文件 %1 在列出后已在设备上被改动。</translation>
    </message>
    <message>
        <source>The file %1 changed while it was imported (%2 bytes stored, %3 listed); import it again.</source>
        <translation>文件 %1 在导入过程中发生了变化（已保存 %2 字节，列出时为 %3 字节）；请重新导入。</translation>
    </message>
    <message>
        <source>Imported from recorder %1, file %2.</source>
        <translation>从执法记录仪 %1 导入，文件 %2。</translation>
    </message>
    <message>
        <source>Officer on the device: %1.</source>
        <translation>设备登记的执法人员：%1。</translation>
    </message>
    <message>
        <source>Duration %1 s.</source>
        <translation>时长 %1 秒。</translation>
    </message>
    <message>
        <source>Start time from: %1%2.</source>
        <translation>开始时间来源：%1%2。</translation>
    </message>
    <message>
        <source>The recorder is busy; wait for it.</source>
        <translation>执法记录仪正忙，请稍候。</translation>
    </message>
    <message>
        <source>No such recording.</source>
        <translation>没有该记录文件。</translation>
    </message>
    <message>
        <source>Cannot open the folder %1: %2</source>
        <translation>无法打开目录 %1：%2</translation>
    </message>
    <message>
        <source>Unsafe file name on the device: %1</source>
        <translation>设备上的文件名不安全：%1</translation>
    </message>
    <message>
        <source>The device folder %1 is no longer there.</source>
        <translation>设备目录 %1 已不存在。</translation>
    </message>
    <message>
        <source>The file %1 is no longer on the device.</source>
        <translation>文件 %1 已不在设备上。</translation>
    </message>
    <message>
        <source>Cannot open %1 on the device: %2</source>
        <translation>无法打开设备上的 %1：%2</translation>
    </message>
    <message>
        <source>The file %1 was replaced on the device.</source>
        <translation>设备上的文件 %1 已被替换。</translation>
    </message>
    <message>
        <source>The smart card service (pcscd) is not running. Restart the terminal or call county IT.</source>
        <translation>智能卡服务（pcscd）未运行。请重启终端或联系县级信息化人员。</translation>
    </message>
    <message>
        <source>The card&apos;s answer does not end. Take the card out and insert it again.</source>
        <translation>卡片应答未结束。请取出卡片后重新插入。</translation>
    </message>
    <message>
        <source>there is no part %1 (the data has %2 parts)</source>
        <translation>没有第 %1 段（数据仅有 %2 段）</translation>
    </message>
    <message>
        <source>The print queue is stopped</source>
        <translation>打印队列已停止</translation>
    </message>
    <message>
        <source>The print queue is stopped: %1</source>
        <translation>打印队列已停止：%1</translation>
    </message>
    <message>
        <source>The printer address is valid</source>
        <translation>打印机地址有效</translation>
    </message>
    <message>
        <source>The printer can be reached</source>
        <translation>可以连接打印机</translation>
    </message>
    <message>
        <source>The printer is ready</source>
        <translation>打印机已就绪</translation>
    </message>
    <message>
        <source>This connection cannot report paper or errors</source>
        <translation>此连接方式无法报告缺纸或故障</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>CUPS job %1 on %2: %3</source>
        <translation>CUPS 打印任务 %1（%2）：%3</translation>
    </message>
    <message>
        <source>The CUPS queue %1 does not report the printer&apos;s status.</source>
        <translation>CUPS 队列 %1 不报告打印机状态。</translation>
    </message>
    <message>
        <source>Expected cups:queue for a printer, got &quot;%1&quot;.</source>
        <translation>打印机地址应为 cups:queue，实际为“%1”。</translation>
    </message>
    <message>
        <source>%1 reports no printer status: %2</source>
        <translation>%1 未报告打印机状态：%2</translation>
    </message>
    <message>
        <source>The printer %1 is not connected.</source>
        <translation>打印机 %1 未连接。</translation>
    </message>
    <message>
        <source>Cannot open the printer %1: %2</source>
        <translation>无法打开打印机 %1：%2</translation>
    </message>
    <message>
        <source>The printer %1 took no data: %2</source>
        <translation>打印机 %1 未接收任何数据：%2</translation>
    </message>
    <message>
        <source>The printer %1 stopped after %2 of %3 bytes: %4</source>
        <translation>打印机 %1 在接收 %3 字节中的 %2 字节后停止：%4</translation>
    </message>
    <message>
        <source>The printer %1 failed at the end of the job: %2</source>
        <translation>打印机 %1 在打印任务结束时出错：%2</translation>
    </message>
    <message>
        <source>All bytes were sent, but the printer then reported a problem: %1</source>
        <translation>全部字节均已发送，但打印机随后报告了问题：%1</translation>
    </message>
    <message>
        <source>All %1 bytes written to %2 (no printer status available).</source>
        <translation>全部 %1 字节已写入 %2（无法获取打印机状态）。</translation>
    </message>
    <message>
        <source>All %1 bytes written to %2.</source>
        <translation>全部 %1 字节已写入 %2。</translation>
    </message>
    <message>
        <source>out of paper</source>
        <translation>缺纸</translation>
    </message>
    <message>
        <source>the printer reports an error</source>
        <translation>打印机报告故障</translation>
    </message>
    <message>
        <source>busy</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Expected lp:/dev/usb/lp0 or another device path, got &quot;%1&quot;.</source>
        <translation>应为 lp:/dev/usb/lp0 或其他设备路径，实际为“%1”。</translation>
    </message>
    <message>
        <source>Cannot open the printer port %1: %2</source>
        <translation>无法打开打印机端口 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not a serial port: %2</source>
        <translation>%1 不是串口：%2</translation>
    </message>
    <message>
        <source>Cannot configure the printer port %1: %2</source>
        <translation>无法配置打印机端口 %1：%2</translation>
    </message>
    <message>
        <source>The port %1 has no modem status lines.</source>
        <translation>端口 %1 没有调制解调器状态线。</translation>
    </message>
    <message>
        <source>Without RTS/CTS flow control the port %1 cannot tell whether the printer is ready.</source>
        <translation>未启用 RTS/CTS 流控，端口 %1 无法判断打印机是否就绪。</translation>
    </message>
    <message>
        <source>The printer on %1 is not ready (CTS is low): it is off, offline or not connected.</source>
        <translation>%1 上的打印机未就绪（CTS 为低电平）：打印机已关机、脱机或未连接。</translation>
    </message>
    <message>
        <source>The printer on %1 is ready (CTS is high).</source>
        <translation>%1 上的打印机已就绪（CTS 为高电平）。</translation>
    </message>
    <message>
        <source>The printer on %1 took no data: %2</source>
        <translation>%1 上的打印机未接收任何数据：%2</translation>
    </message>
    <message>
        <source>The printer on %1 stopped taking data after %2 of %3 bytes.</source>
        <translation>%1 上的打印机在接收 %3 字节中的 %2 字节后停止接收数据。</translation>
    </message>
    <message>
        <source>The printer port %1 failed after %2 of %3 bytes: %4</source>
        <translation>打印机端口 %1 在发送 %3 字节中的 %2 字节后出错：%4</translation>
    </message>
    <message>
        <source>The printer port %1 failed at the end of the job: %2</source>
        <translation>打印机端口 %1 在打印任务结束时出错：%2</translation>
    </message>
    <message>
        <source>All %1 bytes sent to %2.</source>
        <translation>全部 %1 字节已发送到 %2。</translation>
    </message>
    <message>
        <source>No serial port given for the printer.</source>
        <translation>未指定打印机串口。</translation>
    </message>
    <message>
        <source>Invalid %1 in the printer address &quot;%2&quot;.</source>
        <translation>打印机地址“%2”中的 %1 无效。</translation>
    </message>
    <message>
        <source>The printer address %1 cannot be resolved: %2</source>
        <translation>无法解析打印机地址 %1：%2</translation>
    </message>
    <message>
        <source>The printer at %1 refused the connection: it is off, or nothing listens on port %2.</source>
        <translation>位于 %1 的打印机拒绝连接：打印机已关机，或端口 %2 上没有服务在监听。</translation>
    </message>
    <message>
        <source>The printer at %1 did not answer within %2 s.</source>
        <translation>位于 %1 的打印机在 %2 秒内无响应。</translation>
    </message>
    <message>
        <source>Cannot connect to the printer at %1: %2</source>
        <translation>无法连接位于 %1 的打印机：%2</translation>
    </message>
    <message>
        <source>Cannot connect to the printer at %1.</source>
        <translation>无法连接位于 %1 的打印机。</translation>
    </message>
    <message>
        <source>The printer at %1 took no data: %2</source>
        <translation>位于 %1 的打印机未接收任何数据：%2</translation>
    </message>
    <message>
        <source>The printer at %1 stopped taking data; it acknowledged %2 of %3 bytes.</source>
        <translation>位于 %1 的打印机停止接收数据；已确认收到 %3 字节中的 %2 字节。</translation>
    </message>
    <message>
        <source>The connection to the printer at %1 broke after it acknowledged %2 of %3 bytes: %4</source>
        <translation>与位于 %1 的打印机的连接在其确认收到 %3 字节中的 %2 字节后中断：%4</translation>
    </message>
    <message>
        <source>The printer at %1 did not acknowledge the last %2 bytes.</source>
        <translation>位于 %1 的打印机未确认收到最后 %2 字节。</translation>
    </message>
    <message>
        <source>The connection to the printer at %1 broke at the end of the job: %2</source>
        <translation>与位于 %1 的打印机的连接在打印任务结束时中断：%2</translation>
    </message>
    <message>
        <source>All %1 bytes acknowledged by %2 (the printer kept the connection open).</source>
        <translation>%2 已确认收到全部 %1 字节（打印机未关闭连接）。</translation>
    </message>
    <message>
        <source>All %1 bytes delivered to %2.</source>
        <translation>全部 %1 字节已送达 %2。</translation>
    </message>
    <message>
        <source>The printer at %1 reset the connection at the end of the job: %2</source>
        <translation>位于 %1 的打印机在打印任务结束时重置了连接：%2</translation>
    </message>
    <message>
        <source>The printer at %1 accepts connections.</source>
        <translation>位于 %1 的打印机可以接受连接。</translation>
    </message>
    <message>
        <source>Expected tcp:host or tcp:host:port for a printer, got &quot;%1&quot;.</source>
        <translation>打印机地址应为 tcp:host 或 tcp:host:port，实际为“%1”。</translation>
    </message>
    <message>
        <source>The recorder does not say which officer it is issued to.</source>
        <translation>记录仪未注明配发给哪位执法人员。</translation>
    </message>
    <message>
        <source>the recording&apos;s metadata</source>
        <translation>录像元数据</translation>
    </message>
    <message>
        <source>the file&apos;s header</source>
        <translation>文件头信息</translation>
    </message>
    <message>
        <source>the photo&apos;s EXIF data</source>
        <translation>照片 EXIF 信息</translation>
    </message>
    <message>
        <source>the file name</source>
        <translation>文件名</translation>
    </message>
    <message>
        <source>the file&apos;s modification time</source>
        <translation>文件修改时间</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>offline (switched off-line at the printer)</source>
        <translation>脱机（打印机面板上已切换为脱机）</translation>
    </message>
</context>
<context>
    <name>Forms</name>
    <message>
        <source>The document has no pages</source>
        <translation>该文书没有任何页面</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot start the PDF painter for %1</source>
        <translation>无法为 %1 启动 PDF 绘制</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>An item lies above the printer&apos;s first printable line; move it down or adjust the printer profile&apos;s origin.</source>
        <translation>有内容位于打印机首个可打印行之上；请将其下移，或调整打印机配置的原点。</translation>
    </message>
    <message>
        <source>An item lies left of the printer&apos;s left margin; move it right or adjust the printer profile&apos;s origin.</source>
        <translation>有内容位于打印机左边距以左；请将其右移，或调整打印机配置的原点。</translation>
    </message>
    <message>
        <source>The printer profile is incomplete; load it with PrinterProfile::fromJson().</source>
        <translation>打印机配置不完整；请使用 PrinterProfile::fromJson() 加载。</translation>
    </message>
    <message>
        <source>The document has no pages to print.</source>
        <translation>该文书没有可打印的页面。</translation>
    </message>
    <message>
        <source>An item lies below the end of the page; it would print on the next sheet.</source>
        <translation>有内容超出页面底端，将会打印到下一张纸上。</translation>
    </message>
    <message>
        <source>Printer profile: required key &quot;%1&quot; is missing.</source>
        <translation>打印机配置：缺少必需的键“%1”。</translation>
    </message>
    <message>
        <source>Printer profile: &quot;%1&quot; must be a non-empty string.</source>
        <translation>打印机配置：“%1”必须为非空字符串。</translation>
    </message>
    <message>
        <source>Printer profile: &quot;%1&quot; must be a number.</source>
        <translation>打印机配置：“%1”必须为数字。</translation>
    </message>
    <message>
        <source>Printer profile: &quot;%1&quot; is %2 but must be between %3 and %4.</source>
        <translation>打印机配置：“%1”为 %2，但必须在 %3 到 %4 之间。</translation>
    </message>
    <message>
        <source>Printer profile: &quot;%1&quot; must be a whole number.</source>
        <translation>打印机配置：“%1”必须为整数。</translation>
    </message>
    <message>
        <source>Printer profile: &quot;%1&quot; must be true or false.</source>
        <translation>打印机配置：“%1”必须为 true 或 false。</translation>
    </message>
    <message>
        <source>Printer profile: &quot;%1&quot; must be an object.</source>
        <translation>打印机配置：“%1”必须为对象。</translation>
    </message>
    <message>
        <source>Printer profile: &quot;%1&quot; must be 1 to 8 bytes written as hex digits, e.g. &quot;1C26&quot;; got &quot;%2&quot;.</source>
        <translation>打印机配置：“%1”必须为以十六进制数字表示的 1 至 8 个字节，例如“1C26”，实际为“%2”。</translation>
    </message>
    <message>
        <source>Printer profile: format version %1 is not supported (expected 1).</source>
        <translation>打印机配置：不支持格式版本 %1（应为 1）。</translation>
    </message>
    <message>
        <source>Printer profile: &quot;positioning.unitDpi&quot; must divide 3600 (e.g. 60, 180, 360).</source>
        <translation>打印机配置：“positioning.unitDpi”必须能整除 3600（例如 60、180、360）。</translation>
    </message>
    <message>
        <source>Printer profile: &quot;repertoire&quot; must be gb2312, gbk or gb18030; got &quot;%1&quot;.</source>
        <translation>打印机配置：“repertoire”必须为 gb2312、gbk 或 gb18030，实际为“%1”。</translation>
    </message>
    <message>
        <source>Printer profile: &quot;pitches&quot; must be a non-empty array.</source>
        <translation>打印机配置：“pitches”必须为非空数组。</translation>
    </message>
    <message>
        <source>Printer profile: &quot;%1&quot; must be 10, 12 or 15 (ESC P, ESC M, ESC g).</source>
        <translation>打印机配置：“%1”必须为 10、12 或 15（ESC P、ESC M、ESC g）。</translation>
    </message>
    <message>
        <source>Printer profile: &quot;%1&quot; is %2 but %3 cpi at %4 dpi is %5 dots.</source>
        <translation>打印机配置：“%1”为 %2，但 %3 cpi 在 %4 dpi 下应为 %5 点。</translation>
    </message>
    <message>
        <source>Printer profile: &quot;%1&quot; is %2 but glyph %3 + left %4 + right %5 = %6 dots.</source>
        <translation>打印机配置：“%1”为 %2，但字形 %3 + 左侧 %4 + 右侧 %5 = %6 点。</translation>
    </message>
    <message>
        <source>Printer profile: &quot;pageLength&quot; must be escParenC, escCInches or none; got &quot;%1&quot;.</source>
        <translation>打印机配置：“pageLength”必须为 escParenC、escCInches 或 none，实际为“%1”。</translation>
    </message>
    <message>
        <source>Printer profile: &quot;pageLength&quot; escParenC needs &quot;positioning.setUnit&quot; (ESC/P2).</source>
        <translation>打印机配置：“pageLength”为 escParenC 时须设置“positioning.setUnit”（ESC/P2）。</translation>
    </message>
    <message>
        <source>Printer profile %1 cannot be read: %2</source>
        <translation>无法读取打印机配置 %1：%2</translation>
    </message>
    <message>
        <source>Printer profile %1 is not a JSON object: %2 at offset %3.</source>
        <translation>打印机配置 %1 不是 JSON 对象：%2（位置：偏移量 %3）。</translation>
    </message>
    <message>
        <source>The rendered document cannot be read back</source>
        <translation>无法读回已生成的文书</translation>
    </message>
    <message>
        <source>No FieldCase document QR code was found in the image</source>
        <translation>图像中未找到 FieldCase 文书二维码</translation>
    </message>
    <message>
        <source>This number is not in this terminal&apos;s records</source>
        <translation>本终端的记录中没有该编号</translation>
    </message>
    <message>
        <source>The code does not match the issued document&apos;s content: the printout may be altered</source>
        <translation>二维码与已开具文书的内容不符：该打印件可能已被篡改</translation>
    </message>
    <message>
        <source>The document was voided</source>
        <translation>该文书已作废</translation>
    </message>
    <message>
        <source>The document is issued and matches its record</source>
        <translation>该文书已开具，且与记录相符</translation>
    </message>
    <message>
        <source>No document templates in %1</source>
        <translation>%1 中没有文书模板</translation>
    </message>
    <message>
        <source>Template %1 version %2 is defined twice</source>
        <translation>模板 %1 的版本 %2 重复定义</translation>
    </message>
    <message>
        <source>There is no document template “%1”</source>
        <translation>没有文书模板“%1”</translation>
    </message>
    <message>
        <source>No version of document template “%1” is in force on %2</source>
        <translation>文书模板“%1”在 %2 没有有效版本</translation>
    </message>
    <message>
        <source>Cannot encode the QR code: %1</source>
        <translation>无法生成二维码：%1</translation>
    </message>
    <message>
        <source>Cannot open template %1: %2</source>
        <translation>无法打开模板 %1：%2</translation>
    </message>
    <message>
        <source>Template %1 is not a JSON object: %2</source>
        <translation>模板 %1 不是 JSON 对象：%2</translation>
    </message>
    <message>
        <source>%1: missing required attribute “%2”</source>
        <translation>%1：缺少必需属性“%2”</translation>
    </message>
    <message>
        <source>template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>template “%1”</source>
        <translation>模板“%1”</translation>
    </message>
    <message>
        <source>%1, required list</source>
        <translation>%1 的必备事项列表</translation>
    </message>
    <message>
        <source>%1, element #%2</source>
        <translation>%1 的第 %2 个元素</translation>
    </message>
    <message>
        <source>%1, element “%2”</source>
        <translation>%1 的元素“%2”</translation>
    </message>
    <message>
        <source>%1: duplicate element id</source>
        <translation>%1：元素编号重复</translation>
    </message>
    <message>
        <source>%1: unknown type “%2”</source>
        <translation>%1：未知类型“%2”</translation>
    </message>
    <message>
        <source>%1: box has no area</source>
        <translation>%1：区域框面积为零</translation>
    </message>
    <message>
        <source>%1, column %2</source>
        <translation>%1 的第 %2 列</translation>
    </message>
    <message>
        <source>%1, column “%2”</source>
        <translation>%1 的“%2”列</translation>
    </message>
    <message>
        <source>%1: columns are %2 mm wide but the box is %3 mm</source>
        <translation>%1：各列合计宽 %2 毫米，但区域框宽 %3 毫米</translation>
    </message>
    <message>
        <source>%1: text needs %2 lines (%3 mm) at %4 pt but its box is %5 mm high, and a text element has no continuation rule (enlarge the box or use a flow element)</source>
        <translation>%1：文字以 %4 磅排版需要 %2 行（%3 毫米），但区域框只有 %5 毫米高，且文本元素没有续排规则（请加大区域框或改用流式元素）</translation>
    </message>
    <message>
        <source>%1: box %2 lies outside the page</source>
        <translation>%1：区域框 %2 超出页面范围</translation>
    </message>
    <message>
        <source>%1: elements “%2” %3 and “%4” %5 overlap</source>
        <translation>%1：元素“%2”%3 与元素“%4”%5 重叠</translation>
    </message>
    <message>
        <source>%1: unknown field path “%2”</source>
        <translation>%1：未知字段路径“%2”</translation>
    </message>
    <message>
        <source>%1: “%2” is too long for its %3 mm box even at %4 pt</source>
        <translation>%1：“%2”过长，即使缩小到 %4 磅也无法放入 %3 毫米宽的区域框</translation>
    </message>
    <message>
        <source>%1: the seal block “%2” is too small for %3</source>
        <translation>%1：落款盖章区“%2”太小，容纳不下“%3”</translation>
    </message>
    <message>
        <source>%1 needs %2 (%3)</source>
        <translation>%1 缺少必备事项 %2（%3）</translation>
    </message>
</context>
<context>
    <name>OpenAdvice</name>
    <message>
        <source>The case database in %1 is damaged or is not a FieldCase database.</source>
        <translation>%1 中的案件数据库已损坏，或不是 FieldCase 数据库。</translation>
    </message>
    <message>
        <source>The case database in %1 was written by a newer version of FieldCase.</source>
        <translation>%1 中的案件数据库由更新版本的 FieldCase 写入。</translation>
    </message>
    <message>
        <source>There is not enough storage space to open the case database in %1.</source>
        <translation>存储空间不足，无法打开 %1 中的案件数据库。</translation>
    </message>
    <message>
        <source>The case database in %1 could not be opened.</source>
        <translation>无法打开 %1 中的案件数据库。</translation>
    </message>
    <message>
        <source>Install the newer FieldCase version on this terminal. This version will not open or change the data.</source>
        <translation>请在本终端安装更新版本的 FieldCase。当前版本不会打开或修改这些数据。</translation>
    </message>
    <message>
        <source>Free some space (for example archive old evidence), then start FieldCase again.</source>
        <translation>请先清理出部分存储空间（例如将旧证据归档），然后重新启动 FieldCase。</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>详细信息：%1</translation>
    </message>
    <message>
        <source>FieldCase has not changed the file. Do not delete it. Call county IT: they copy the whole data folder, run &quot;fieldcase-admin db check&quot; on the copy and restore the terminal from its report.</source>
        <translation>FieldCase 未改动该文件。请勿删除！请联系县级信息化人员：由其复制整个数据目录，对副本运行“fieldcase-admin db check”，并根据检查报告恢复终端。</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>The network library could not start</source>
        <translation>网络组件无法启动</translation>
    </message>
    <message>
        <source>The terminal&apos;s certificate files are missing (%1); enrol the terminal again</source>
        <translation>终端证书文件缺失（%1）；请重新注册终端</translation>
    </message>
    <message>
        <source>The centre sent more than %1 bytes; the answer was refused</source>
        <translation>中心返回的数据超过 %1 字节，已拒收</translation>
    </message>
    <message>
        <source>The server is not the provincial centre: its certificate is not from the centre&apos;s authority. Nothing was sent. If this persists, the connection may be intercepted; tell county IT</source>
        <translation>对方不是省级中心：其证书并非由中心的证书机构签发。未发送任何数据。如持续出现，连接可能被劫持，请告知县级信息化人员</translation>
    </message>
    <message>
        <source>The terminal&apos;s certificate cannot be used; enrol the terminal again</source>
        <translation>终端证书无法使用；请重新注册终端</translation>
    </message>
    <message>
        <source>The centre cannot be reached; sync will try again</source>
        <translation>无法连接中心；稍后将自动重试同步</translation>
    </message>
    <message>
        <source>The centre refused this terminal&apos;s certificate; enrol the terminal again or call county IT</source>
        <translation>中心拒绝了本终端的证书；请重新注册终端或联系县级信息化人员</translation>
    </message>
    <message>
        <source>The centre&apos;s address is not valid</source>
        <translation>中心地址无效</translation>
    </message>
    <message>
        <source>The connection to the centre broke; sync will try again</source>
        <translation>与中心的连接中断；稍后将自动重试同步</translation>
    </message>
    <message>
        <source>The centre refused the upload (%1: HTTP %2)</source>
        <translation>中心拒绝了上传（%1：HTTP %2）</translation>
    </message>
    <message>
        <source>The centre created an upload but did not say where</source>
        <translation>中心已创建上传任务，但未返回其地址</translation>
    </message>
    <message>
        <source>The centre no longer has this upload</source>
        <translation>中心已不再保留该上传任务</translation>
    </message>
    <message>
        <source>The centre has another offset for this upload</source>
        <translation>中心记录的该上传任务偏移量与本地不一致</translation>
    </message>
    <message>
        <source>The centre says the uploaded data is damaged (checksum)</source>
        <translation>中心报告上传的数据已损坏（校验和不符）</translation>
    </message>
    <message>
        <source>Cannot read the file being uploaded</source>
        <translation>无法读取正在上传的文件</translation>
    </message>
    <message>
        <source>The request signature is not valid: %1</source>
        <translation>请求签名无效：%1</translation>
    </message>
    <message>
        <source>a field is missing</source>
        <translation>缺少字段</translation>
    </message>
    <message>
        <source>not signed with the terminal&apos;s enrolled key type</source>
        <translation>未使用终端注册时的密钥类型签名</translation>
    </message>
    <message>
        <source>its time is %1 s away from the centre&apos;s clock</source>
        <translation>其时间与中心时钟相差 %1 秒</translation>
    </message>
    <message>
        <source>it does not match the request or the terminal&apos;s key</source>
        <translation>与请求内容或终端密钥不符</translation>
    </message>
    <message>
        <source>The centre&apos;s certificate or key cannot be read</source>
        <translation>无法读取中心的证书或私钥</translation>
    </message>
    <message>
        <source>The centre cannot listen on port %1</source>
        <translation>中心无法在端口 %1 上监听</translation>
    </message>
    <message>
        <source>Unknown terminal &quot;%1&quot;</source>
        <translation>未知终端“%1”</translation>
    </message>
    <message>
        <source>This request was already received (replay)</source>
        <translation>该请求已收到过（重放）</translation>
    </message>
    <message>
        <source>The batch is larger than %1 bytes</source>
        <translation>该批数据超过 %1 字节</translation>
    </message>
    <message>
        <source>A batch holds 1 to %1 events</source>
        <translation>每批须含 1 至 %1 条记录</translation>
    </message>
    <message>
        <source>The event was made by another terminal</source>
        <translation>该记录由其他终端产生</translation>
    </message>
    <message>
        <source>The connection to the centre broke before it answered; sync will try again. If this keeps happening, the centre may not accept this terminal&apos;s certificate; call county IT</source>
        <translation>与中心的连接在其应答前中断；稍后将自动重试同步。如反复出现，可能是中心不接受本终端的证书，请联系县级信息化人员</translation>
    </message>
    <message>
        <source>Enrolment needs the centre&apos;s records</source>
        <translation>注册功能需要中心业务库</translation>
    </message>
    <message>
        <source>The request signature does not cover the body; this resource needs a signed body</source>
        <translation>请求签名未覆盖请求正文；此接口要求对正文签名</translation>
    </message>
    <message>
        <source>The cursor &quot;%1&quot; is not valid</source>
        <translation>游标“%1”无效</translation>
    </message>
    <message>
        <source>An enrolment needs a token, a certificate request, the signing key and the terminal id</source>
        <translation>注册需要令牌、证书请求、签名公钥和终端编号</translation>
    </message>
    <message>
        <source>The request is signed for another terminal, or not whole</source>
        <translation>请求签名属于其他终端，或未覆盖完整请求</translation>
    </message>
    <message>
        <source>Unknown enrolment token</source>
        <translation>注册令牌无效</translation>
    </message>
    <message>
        <source>This enrolment token was already used</source>
        <translation>该注册令牌已被使用</translation>
    </message>
    <message>
        <source>This enrolment token has expired</source>
        <translation>该注册令牌已过期</translation>
    </message>
    <message>
        <source>Terminal %1 is already enrolled with another key</source>
        <translation>终端 %1 已使用其他密钥注册</translation>
    </message>
    <message>
        <source>A number block request needs requestId, docType and year</source>
        <translation>申请编号段需要 requestId、docType 和 year</translation>
    </message>
    <message>
        <source>The heartbeat is not a JSON object</source>
        <translation>心跳内容不是 JSON 对象</translation>
    </message>
    <message>
        <source>The pack file is missing</source>
        <translation>数据包文件缺失</translation>
    </message>
    <message>
        <source>No pack %1 version %2</source>
        <translation>没有数据包 %1 版本 %2</translation>
    </message>
    <message>
        <source>The upload does not say which evidence it is (blob, alg, suite)</source>
        <translation>上传未说明是哪份证据（blob、alg、suite）</translation>
    </message>
    <message>
        <source>The evidence key or iv is not valid</source>
        <translation>证据密钥或初始向量无效</translation>
    </message>
    <message>
        <source>The received upload cannot be read</source>
        <translation>无法读取已接收的上传文件</translation>
    </message>
    <message>
        <source>The evidence failed its authentication check: it was altered</source>
        <translation>证据未通过完整性认证：内容已被篡改</translation>
    </message>
    <message>
        <source>The evidence&apos;s content does not match its hash %1</source>
        <translation>证据内容与其哈希 %1 不符</translation>
    </message>
    <message>
        <source>Cannot create the centre&apos;s folder</source>
        <translation>无法创建中心数据目录</translation>
    </message>
    <message>
        <source>No unit &quot;%1&quot;</source>
        <translation>没有单位“%1”</translation>
    </message>
    <message>
        <source>A number series for %1 in %2 already exists</source>
        <translation>%1 %2 年度的编号序列已存在</translation>
    </message>
    <message>
        <source>Pack %1 version %2 is already published</source>
        <translation>数据包 %1 版本 %2 已发布过</translation>
    </message>
    <message>
        <source>This request id belongs to another terminal</source>
        <translation>该请求编号属于其他终端</translation>
    </message>
    <message>
        <source>The centre has no number series for %1 in %2</source>
        <translation>中心没有 %1 %2 年度的编号序列</translation>
    </message>
    <message>
        <source>The terminal CA&apos;s certificate or key cannot be read</source>
        <translation>无法读取终端 CA 的证书或私钥</translation>
    </message>
    <message>
        <source>The terminal CA&apos;s certificate and key do not belong together</source>
        <translation>终端 CA 的证书与私钥不匹配</translation>
    </message>
    <message>
        <source>The certificate request is not a PEM CSR</source>
        <translation>证书请求不是 PEM 格式的 CSR</translation>
    </message>
    <message>
        <source>The certificate request is not signed by its own key</source>
        <translation>证书请求未用其自身密钥签名</translation>
    </message>
    <message>
        <source>The terminal&apos;s TLS key must be ECDSA P-256</source>
        <translation>终端 TLS 密钥必须为 ECDSA P-256</translation>
    </message>
    <message>
        <source>Could not issue the terminal certificate</source>
        <translation>无法签发终端证书</translation>
    </message>
    <message>
        <source>The centre cannot write the upload</source>
        <translation>中心无法写入上传数据</translation>
    </message>
    <message>
        <source>The centre speaks tus %1</source>
        <translation>中心支持的 tus 版本为 %1</translation>
    </message>
    <message>
        <source>The centre has no such upload</source>
        <translation>中心没有该上传任务</translation>
    </message>
    <message>
        <source>Upload-Length is missing or not a number</source>
        <translation>Upload-Length 缺失或不是数字</translation>
    </message>
    <message>
        <source>The upload is larger than the centre accepts (%1 bytes)</source>
        <translation>上传大小超过中心允许的上限（%1 字节）</translation>
    </message>
    <message>
        <source>The centre does not take data with the creation request</source>
        <translation>中心不接受在创建请求中携带数据</translation>
    </message>
    <message>
        <source>Upload-Metadata is malformed</source>
        <translation>Upload-Metadata 格式错误</translation>
    </message>
    <message>
        <source>A PATCH must be sent as %1</source>
        <translation>PATCH 请求必须以 %1 发送</translation>
    </message>
    <message>
        <source>Upload-Offset is missing or not a number</source>
        <translation>Upload-Offset 缺失或不是数字</translation>
    </message>
    <message>
        <source>The centre has %1 bytes of this upload, not %2</source>
        <translation>中心已收到该上传的 %1 字节，而不是 %2 字节</translation>
    </message>
    <message>
        <source>A chunk may hold at most %1 bytes</source>
        <translation>每个数据块最多 %1 字节</translation>
    </message>
    <message>
        <source>The chunk goes beyond the upload&apos;s length (%1 bytes)</source>
        <translation>数据块超出上传总长度（%1 字节）</translation>
    </message>
    <message>
        <source>Upload-Checksum must be &quot;sm3 &lt;base64&gt;&quot; or &quot;sha256 &lt;base64&gt;&quot;</source>
        <translation>Upload-Checksum 必须为“sm3 &lt;base64&gt;”或“sha256 &lt;base64&gt;”</translation>
    </message>
    <message>
        <source>The chunk does not match its checksum</source>
        <translation>数据块与其校验值不符</translation>
    </message>
    <message>
        <source>The upload is complete and kept by the centre</source>
        <translation>上传已完成，中心已保存</translation>
    </message>
    <message>
        <source>the centre answered %1</source>
        <translation>中心返回 %1</translation>
    </message>
    <message>
        <source>Only an installer registered on this terminal can enrol it</source>
        <translation>只有已在本终端登记的安装调试人员才能注册本终端</translation>
    </message>
    <message>
        <source>Cannot create the sync folder</source>
        <translation>无法创建同步目录</translation>
    </message>
    <message>
        <source>The centre&apos;s CA certificate cannot be read</source>
        <translation>无法读取中心的 CA 证书</translation>
    </message>
    <message>
        <source>The centre&apos;s CA file is not a PEM certificate</source>
        <translation>中心 CA 文件不是 PEM 证书</translation>
    </message>
    <message>
        <source>The centre refused the enrolment: %1</source>
        <translation>中心拒绝注册：%1</translation>
    </message>
    <message>
        <source>The centre&apos;s answer holds no certificate for this terminal</source>
        <translation>中心的应答中没有本终端的证书</translation>
    </message>
    <message>
        <source>The centre answered HTTP %1</source>
        <translation>中心返回 HTTP %1</translation>
    </message>
    <message>
        <source>The centre answered HTTP %1: %2</source>
        <translation>中心返回 HTTP %1：%2</translation>
    </message>
    <message>
        <source>The centre refused event %1: %2</source>
        <translation>中心拒收事件 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>The centre&apos;s answer had no receipt for %n event(s)</source>
        <translation>
            <numerusform>中心的应答中缺少 %n 条事件的回执</numerusform>
        </translation>
    </message>
    <message>
        <source>The centre&apos;s answer to a pull is malformed</source>
        <translation>中心对下行请求的应答格式错误</translation>
    </message>
    <message>
        <source>An event from the centre is unreadable: %1</source>
        <translation>来自中心的事件无法读取：%1</translation>
    </message>
    <message>
        <source>An event from the centre was refused: %1 (%2)</source>
        <translation>来自中心的事件被拒收：%1（%2）</translation>
    </message>
    <message>
        <source>The evidence file %1 cannot be read</source>
        <translation>无法读取证据文件 %1</translation>
    </message>
    <message>
        <source>This terminal is not enrolled with a centre yet</source>
        <translation>本终端尚未在中心注册</translation>
    </message>
    <message>
        <source>The sync settings are damaged</source>
        <translation>同步设置已损坏</translation>
    </message>
    <message>
        <source>a field is malformed</source>
        <translation>有字段格式错误</translation>
    </message>
    <message>
        <source>Could not make the terminal&apos;s TLS key</source>
        <translation>无法生成终端 TLS 密钥</translation>
    </message>
    <message>
        <source>This is not a PEM certificate</source>
        <translation>这不是 PEM 证书</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not &lt;pack id&gt;:&lt;version&gt;</source>
        <translation>“%1”不是“数据包编号:版本”格式</translation>
    </message>
    <message>
        <source>The centre asked not to be contacted before %1; nothing was sent</source>
        <translation>中心要求在 %1 之前不要连接；未发送任何内容</translation>
    </message>
    <message>
        <source>The centre asked not to be contacted before %1</source>
        <translation>中心要求在 %1 之前不要连接</translation>
    </message>
    <message>
        <source>The centre&apos;s list of reference packs is malformed</source>
        <translation>中心返回的基础数据包列表格式错误</translation>
    </message>
    <message>
        <source>The centre listed a reference pack without an id or version</source>
        <translation>中心列出的基础数据包缺少编号或版本</translation>
    </message>
    <message>
        <source>Reference pack %1 version %2 was not installed: %3</source>
        <translation>基础数据包 %1 版本 %2 未安装：%3</translation>
    </message>
    <message>
        <source>Reference pack %1 version %2 was refused: %3</source>
        <translation>基础数据包 %1 版本 %2 被拒绝：%3</translation>
    </message>
    <message>
        <source>it is larger (%1 bytes) than a terminal takes</source>
        <translation>文件过大（%1 字节），超出终端可接收的上限</translation>
    </message>
    <message>
        <source>the file from the centre does not match its listing (size or SHA-256)</source>
        <translation>中心发来的文件与其列表不符（大小或 SHA-256）</translation>
    </message>
    <message>
        <source>the file is pack %1 version %2, but the centre listed %3 version %4</source>
        <translation>文件是数据包 %1 版本 %2，但中心列出的是 %3 版本 %4</translation>
    </message>
    <message>
        <source>its records are in a separate data file, which sync does not carry; import it with fieldcase-admin reference import</source>
        <translation>其记录在单独的数据文件中，同步不传送该文件；请用 fieldcase-admin reference import 导入</translation>
    </message>
    <message>
        <source>Sync was stopped because the terminal is closing; it goes on at the next start</source>
        <translation>终端正在关闭，同步已停止；下次启动时继续</translation>
    </message>
    <message>
        <source>The centre refused evidence %1: %2. The file on this terminal does not match its record; check the store (fieldcase-admin db check).</source>
        <translation>中心拒收证据 %1：%2。本终端上的文件与其记录不符；请检查数据存储（fieldcase-admin db check）。</translation>
    </message>
    <message>
        <source>The centre refused evidence %1: %2. The file on this terminal is intact; county IT should check the centre.</source>
        <translation>中心拒收证据 %1：%2。本终端上的文件完好；请县局信息科检查中心。</translation>
    </message>
    <message>
        <source>Reference packs are not synced: the reference data cannot be opened (%1)</source>
        <translation>基础数据包未同步：无法打开基础数据（%1）</translation>
    </message>
    <message>
        <source>A PATCH must be signed with body=unsigned: the centre writes its bytes as they arrive</source>
        <translation>PATCH 请求的签名须带 body=unsigned：中心在数据到达时即写入</translation>
    </message>
    <message>
        <source>The request head is larger than %1 bytes</source>
        <translation>请求头超过 %1 字节</translation>
    </message>
    <message>
        <source>The request is not well-formed HTTP/1.1</source>
        <translation>请求不是格式正确的 HTTP/1.1</translation>
    </message>
    <message>
        <source>A request body needs Content-Length (chunked is not accepted)</source>
        <translation>请求正文须带 Content-Length（不接受分块传输）</translation>
    </message>
    <message>
        <source>The request body is larger than %1 bytes</source>
        <translation>请求正文超过 %1 字节</translation>
    </message>
    <message>
        <source>The centre cannot take the request now</source>
        <translation>中心暂时无法受理该请求</translation>
    </message>
    <message>
        <source>The centre cannot open its internal listener</source>
        <translation>中心无法打开内部监听端口</translation>
    </message>
</context>
<context>
    <name>Terminal</name>
    <message>
        <source>FieldCase headless demo (no display found)</source>
        <translation>FieldCase 无界面演示（未检测到显示器）</translation>
    </message>
    <message>
        <source>Terminal: %1</source>
        <translation>终端：%1</translation>
    </message>
    <message>
        <source>Store: %1</source>
        <translation>案件库：%1</translation>
    </message>
    <message>
        <source>Could not open the demo case: %1</source>
        <translation>未能新建示范案件：%1</translation>
    </message>
    <message>
        <source>Stored case:</source>
        <translation>已保存的案件：</translation>
    </message>
    <message>
        <source>Store check: %1</source>
        <translation>案件库检查：%1</translation>
    </message>
    <message>
        <source>Data folder of the terminal.</source>
        <translation>终端的数据目录。</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>Run the headless demo.</source>
        <translation>运行无界面演示。</translation>
    </message>
    <message>
        <source>Save a screenshot of the main window and quit.</source>
        <translation>保存主窗口截图后退出。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>FieldCase cannot start</source>
        <translation>FieldCase 无法启动</translation>
    </message>
    <message>
        <source>Reference data unavailable: %1</source>
        <translation>参考数据不可用：%1</translation>
    </message>
    <message>
        <source>Rules evaluation failed: %1</source>
        <translation>规则计算失败：%1</translation>
    </message>
    <message>
        <source>Rules evaluation (reference data: %1):</source>
        <translation>规则计算结果（参考数据：%1）：</translation>
    </message>
    <message>
        <source>Position: %1, %2 (%3 satellites, HDOP %4, source %5)</source>
        <translation>位置：%1, %2（%3 颗卫星，HDOP %4，来源 %5）</translation>
    </message>
    <message>
        <source>No position accepted; the case is opened without one: %1</source>
        <translation>未获得可采信的定位，案件不带位置开立：%1</translation>
    </message>
    <message>
        <source>Devices (profile %1):</source>
        <translation>设备（设备配置 %1）：</translation>
    </message>
    <message>
        <source>[SIMULATED]</source>
        <translation>[模拟]</translation>
    </message>
    <message>
        <source>%1: not available: %2</source>
        <translation>%1：不可用：%2</translation>
    </message>
    <message>
        <source>No GNSS receiver in the device profile; the case is opened without a position</source>
        <translation>设备配置中没有定位接收机，案件不带位置开立</translation>
    </message>
    <message>
        <source>Device profile: demo, vehicle-kit, handheld or a file (default: the installed one, else demo).</source>
        <translation>设备配置：demo、vehicle-kit、handheld 或配置文件（默认使用已安装的设备配置，没有则使用 demo）。</translation>
    </message>
    <message>
        <source>profile</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>The link&apos;s cost when the system cannot tell: metered (3G/4G, the default: audio and video wait) or unmetered.</source>
        <translation>系统无法判断时链路的计费方式：metered（3G/4G，默认：音视频等待）或 unmetered（不计流量）。</translation>
    </message>
    <message>
        <source>cost</source>
        <translation>计费方式</translation>
    </message>
    <message>
        <source>--link takes metered or unmetered, not %1</source>
        <translation>--link 只能是 metered 或 unmetered，而不是 %1</translation>
    </message>
</context>
<context>
    <name>fieldcase::BlobStore</name>
    <message>
        <source>Not enough storage space to save the evidence file (%1 needed). Free space or move evidence to the archive, then try again.</source>
        <translation>存储空间不足，无法保存证据文件（需要 %1）。请清理存储空间或将证据移至归档后重试。</translation>
    </message>
    <message>
        <source>Not enough storage space to save the evidence file. Free space or move evidence to the archive, then try again.</source>
        <translation>存储空间不足，无法保存证据文件。请清理存储空间或将证据移至归档后重试。</translation>
    </message>
    <message>
        <source>The evidence storage could not be written or read.</source>
        <translation>无法读写证据存储区。</translation>
    </message>
    <message>
        <source>Cannot create the evidence storage folder.</source>
        <translation>无法创建证据存储目录。</translation>
    </message>
    <message>
        <source>Cannot open the file to store as evidence.</source>
        <translation>无法打开要作为证据保存的文件。</translation>
    </message>
    <message>
        <source>The evidence source is not open for reading.</source>
        <translation>证据来源未以读取方式打开。</translation>
    </message>
    <message>
        <source>Cannot read the evidence source.</source>
        <translation>无法读取证据来源文件。</translation>
    </message>
    <message>
        <source>Cannot compute the evidence file&apos;s hash.</source>
        <translation>无法计算证据文件的哈希值。</translation>
    </message>
    <message>
        <source>Invalid evidence content address.</source>
        <translation>证据内容地址无效。</translation>
    </message>
    <message>
        <source>The key material recorded for the evidence file is incomplete.</source>
        <translation>该证据文件记录的密钥信息不完整。</translation>
    </message>
    <message>
        <source>The evidence file is missing.</source>
        <translation>证据文件缺失。</translation>
    </message>
    <message>
        <source>Cannot open the evidence file.</source>
        <translation>无法打开证据文件。</translation>
    </message>
    <message>
        <source>The evidence file has the wrong size (%1 bytes, expected %2).</source>
        <translation>证据文件大小不正确（实际 %1 字节，应为 %2 字节）。</translation>
    </message>
    <message>
        <source>Cannot read the evidence file.</source>
        <translation>无法读取证据文件。</translation>
    </message>
    <message>
        <source>The evidence file failed its integrity check (authentication tag mismatch): it was altered or damaged.</source>
        <translation>证据文件未通过完整性校验（认证标签不符）：文件已被改动或损坏。</translation>
    </message>
    <message>
        <source>The evidence file failed its integrity check (content hash mismatch).</source>
        <translation>证据文件未通过完整性校验（内容哈希值不符）。</translation>
    </message>
    <message>
        <source>The output is not open for writing.</source>
        <translation>输出目标未以写入方式打开。</translation>
    </message>
    <message>
        <source>Cannot write the decrypted evidence.</source>
        <translation>无法写出解密后的证据。</translation>
    </message>
    <message>
        <source>Cannot remove a leftover temporary evidence file.</source>
        <translation>无法删除遗留的证据临时文件。</translation>
    </message>
</context>
<context>
    <name>fieldcase::CryptoText</name>
    <message>
        <source>Wrong key or IV length for %1.</source>
        <translation>%1 的密钥或初始向量（IV）长度不正确。</translation>
    </message>
    <message>
        <source>Cipher %1 is not available.</source>
        <translation>加密算法 %1 不可用。</translation>
    </message>
    <message>
        <source>Cannot start the cipher.</source>
        <translation>无法初始化加解密运算。</translation>
    </message>
    <message>
        <source>Cipher stream used after finish().</source>
        <translation>加解密数据流在 finish() 之后仍被使用。</translation>
    </message>
    <message>
        <source>Too much data for one key and IV.</source>
        <translation>数据量超出同一密钥和初始向量（IV）可加密的上限。</translation>
    </message>
    <message>
        <source>Encryption or decryption failed.</source>
        <translation>加密或解密失败。</translation>
    </message>
    <message>
        <source>Cipher finalisation failed.</source>
        <translation>加解密收尾处理失败。</translation>
    </message>
    <message>
        <source>Unexpected cipher output at finish.</source>
        <translation>加解密结束时产生了意外输出。</translation>
    </message>
    <message>
        <source>Cannot read the GCM tag.</source>
        <translation>无法读取 GCM 认证标签。</translation>
    </message>
    <message>
        <source>Cannot compute the authentication tag.</source>
        <translation>无法计算认证标签。</translation>
    </message>
    <message>
        <source>Authentication tag mismatch: the data was altered.</source>
        <translation>认证标签不符：数据已被改动。</translation>
    </message>
    <message>
        <source>Cannot set the GCM tag.</source>
        <translation>无法设置 GCM 认证标签。</translation>
    </message>
    <message>
        <source>Moved-from encryptor used.</source>
        <translation>使用了已被转移（moved-from）的加密器。</translation>
    </message>
    <message>
        <source>Moved-from decryptor used.</source>
        <translation>使用了已被转移（moved-from）的解密器。</translation>
    </message>
    <message>
        <source>Sealed data is truncated.</source>
        <translation>加密封装的数据不完整（已被截断）。</translation>
    </message>
    <message>
        <source>Unsupported key type; only SM2 and ECDSA P-256 keys are accepted.</source>
        <translation>不支持的密钥类型；仅支持 SM2 和 ECDSA P-256 密钥。</translation>
    </message>
    <message>
        <source>Cannot read the public key (PEM).</source>
        <translation>无法读取公钥（PEM 格式）。</translation>
    </message>
    <message>
        <source>Cannot read the public key (DER).</source>
        <translation>无法读取公钥（DER 格式）。</translation>
    </message>
    <message>
        <source>Key generation failed.</source>
        <translation>密钥生成失败。</translation>
    </message>
    <message>
        <source>Cannot read the private key (PEM); it may be encrypted or damaged.</source>
        <translation>无法读取私钥（PEM 格式）；私钥可能已加密或已损坏。</translation>
    </message>
    <message>
        <source>No private key to sign with.</source>
        <translation>没有可用于签名的私钥。</translation>
    </message>
    <message>
        <source>Cannot start signing.</source>
        <translation>无法开始签名。</translation>
    </message>
    <message>
        <source>Cannot set the SM2 distinguishing ID.</source>
        <translation>无法设置 SM2 可辨别标识（ID）。</translation>
    </message>
    <message>
        <source>Signing failed.</source>
        <translation>签名失败。</translation>
    </message>
</context>
<context>
    <name>fieldcase::app::DevicePanel</name>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Plugin</source>
        <translation>插件</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Self-test</source>
        <translation>自检</translation>
    </message>
    <message>
        <source>%1 [SIMULATED]</source>
        <translation>%1 [模拟]</translation>
    </message>
    <message>
        <source>Not available: %1</source>
        <translation>不可用：%1</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>正在自检…</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>未通过：%1</translation>
    </message>
</context>
<context>
    <name>fieldcase::app::MainWindow</name>
    <message>
        <source>FieldCase enforcement terminal — %1 (demo)</source>
        <translation>FieldCase 移动执法终端 — %1（示范）</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>New demo case</source>
        <translation>新建示范案件</translation>
    </message>
    <message>
        <source>Check store</source>
        <translation>检查案件库</translation>
    </message>
    <message>
        <source>&lt;b&gt;Unit:&lt;/b&gt; %1 &amp;nbsp; &lt;i&gt;Demo data — not a real unit&lt;/i&gt;</source>
        <translation>&lt;b&gt;执法单位：&lt;/b&gt;%1 &amp;nbsp; &lt;i&gt;示范数据——非真实单位&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Officers on duty:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;当班执法人员：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>程序</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>记录数</translation>
    </message>
    <message>
        <source>Terminal %1 · offline store %2</source>
        <translation>终端 %1 · 离线案件库 %2</translation>
    </message>
    <message>
        <source>Simple</source>
        <translation>简易程序</translation>
    </message>
    <message>
        <source>General</source>
        <translation>普通程序</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>办理中</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <source>Transferred</source>
        <translation>已移送</translation>
    </message>
    <message>
        <source>Could not open the case</source>
        <translation>未能新建案件</translation>
    </message>
    <message>
        <source>Demo case opened: %1</source>
        <translation>已新建示范案件：%1</translation>
    </message>
    <message>
        <source>Store check</source>
        <translation>案件库检查</translation>
    </message>
    <message>
        <source>All records, signatures and evidence files are intact.
%1</source>
        <translation>所有记录、签名和证据文件均完好。
%1</translation>
    </message>
    <message>
        <source>Problems were found. Contact county IT.
%1</source>
        <translation>检查发现问题，请联系县级信息化人员。
%1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Devices&lt;/b&gt;</source>
        <translation>&lt;b&gt;设备&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Test devices</source>
        <translation>设备自检</translation>
    </message>
    <message>
        <source>Device self-tests: %1 passed, %2 failed</source>
        <translation>设备自检：%1 个通过，%2 个未通过</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
</context>
<context>
    <name>fieldcase::app::SyncIndicator</name>
    <message>
        <source>Sync: starting…</source>
        <translation>同步：正在启动…</translation>
    </message>
    <message>
        <source>Sync: not enrolled</source>
        <translation>同步：未注册</translation>
    </message>
    <message>
        <source>This terminal is not enrolled with a centre. An installer enrols it with fieldcase-admin sync enrol.</source>
        <translation>本终端尚未在中心注册。由安装人员使用 fieldcase-admin sync enrol 注册。</translation>
    </message>
    <message>
        <source>Sync: cannot run: %1</source>
        <translation>同步：无法运行：%1</translation>
    </message>
    <message>
        <source>Sync: stopped</source>
        <translation>同步：已停止</translation>
    </message>
    <message>
        <source>Sync: all sent %1</source>
        <translation>同步：已全部发送 %1</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>正在发送</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n 项待发送</numerusform>
        </translation>
    </message>
    <message>
        <source>nothing waiting</source>
        <translation>无待发送项</translation>
    </message>
    <message numerus="yes">
        <source>%n refused by the centre</source>
        <translation>
            <numerusform>%n 项被中心拒绝</numerusform>
        </translation>
    </message>
    <message>
        <source>audio and video wait for an unmetered link</source>
        <translation>音视频等待不计流量的链路</translation>
    </message>
    <message>
        <source>no network</source>
        <translation>无网络</translation>
    </message>
    <message>
        <source>last error: %1</source>
        <translation>最近错误：%1</translation>
    </message>
    <message>
        <source>next try %1</source>
        <translation>下次尝试 %1</translation>
    </message>
    <message>
        <source>Sync: %1</source>
        <translation>同步：%1</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Evidence manifests</source>
        <translation>证据清单</translation>
    </message>
    <message>
        <source>Photos and documents</source>
        <translation>照片和文书</translation>
    </message>
    <message>
        <source>Audio and video</source>
        <translation>音视频</translation>
    </message>
    <message>
        <source>%1: %2 waiting (%3 KiB), %4 refused</source>
        <translation>%1：%2 项待发送（%3 KiB），%4 项被拒绝</translation>
    </message>
    <message>
        <source>metered (3G/4G): audio and video wait</source>
        <translation>计流量（3G/4G）：音视频等待</translation>
    </message>
    <message>
        <source>unmetered</source>
        <translation>不计流量</translation>
    </message>
    <message>
        <source>Network (reported by the system): %1</source>
        <translation>网络（系统报告）：%1</translation>
    </message>
    <message>
        <source>Network (assumed; each sync finds out): %1</source>
        <translation>网络（假定；每次同步时探测）：%1</translation>
    </message>
    <message>
        <source>Last complete sync: %1</source>
        <translation>最近一次完整同步：%1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Next sync: %1</source>
        <translation>下次同步：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n failed attempt(s) in a row</source>
        <translation>
            <numerusform>连续失败 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>最近错误：%1</translation>
    </message>
</context>
<context>
    <name>fieldcase::devices::sim::SimulatedBarcode</name>
    <message>
        <source>A scan is delivered</source>
        <translation>收到扫码结果</translation>
    </message>
    <message>
        <source>No payloads configured</source>
        <translation>未配置条码内容</translation>
    </message>
</context>
<context>
    <name>fieldcase::devices::sim::SimulatedCamera</name>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>无法创建目录 %1</translation>
    </message>
    <message>
        <source>Test picture rendered</source>
        <translation>已生成测试图像</translation>
    </message>
    <message>
        <source>Output folder is writable</source>
        <translation>输出目录可写</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
</context>
<context>
    <name>fieldcase::devices::sim::SimulatedCardReader</name>
    <message>
        <source>Reader answers</source>
        <translation>读卡器有响应</translation>
    </message>
    <message>
        <source>Card present</source>
        <translation>读卡器中有卡片</translation>
    </message>
    <message>
        <source>No card in the reader</source>
        <translation>读卡器中没有卡片</translation>
    </message>
    <message>
        <source>The card&apos;s PIN is blocked</source>
        <translation>卡片的 PIN 码已锁定</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN, %n tries left</source>
        <translation>
            <numerusform>PIN 码错误，还可尝试 %n 次</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fieldcase::devices::sim::SimulatedGnss</name>
    <message>
        <source>Fixes arrive</source>
        <translation>收到定位</translation>
    </message>
    <message numerus="yes">
        <source>%n fix(es) received</source>
        <translation>
            <numerusform>已收到 %n 个定位</numerusform>
        </translation>
    </message>
    <message>
        <source>Position is simulated</source>
        <translation>位置为模拟数据</translation>
    </message>
    <message>
        <source>Simulated positions are never evidence</source>
        <translation>模拟位置绝不作为证据</translation>
    </message>
</context>
<context>
    <name>fieldcase::devices::sim::SimulatedPrinter</name>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>无法创建目录 %1</translation>
    </message>
    <message>
        <source>Paper out (simulated)</source>
        <translation>缺纸（模拟）</translation>
    </message>
    <message>
        <source>Output folder is writable</source>
        <translation>输出目录可写</translation>
    </message>
    <message>
        <source>Paper loaded</source>
        <translation>已装纸</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Simulated printer: written to %1, nothing printed on paper</source>
        <translation>模拟打印机：已写入 %1，未在纸上打印</translation>
    </message>
</context>
<context>
    <name>fieldcase::devices::sim::SimulatedRecorder</name>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>无法创建目录 %1</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Recorder storage mounted</source>
        <translation>记录仪存储已挂载</translation>
    </message>
    <message>
        <source>Recordings readable</source>
        <translation>记录文件可读</translation>
    </message>
    <message>
        <source>%1 of %2 clips present</source>
        <translation>现有 %1 个片段（共 %2 个）</translation>
    </message>
    <message>
        <source>The recorder is not connected</source>
        <translation>执法记录仪未连接</translation>
    </message>
</context>
</TS>
