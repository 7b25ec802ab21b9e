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
        <source>FieldCase installer and operator tool.

Commands:
  db check     verify database, hash chains, signatures, evidence files and projections
  db rebuild   rebuild projections from the event log
  demo seed    register the demo officers
  demo case    open a demo case (prints its id)</source>
        <translation>FieldCase 安装调试与运维工具。

命令：
  db check     检查数据库、哈希链、签名、证据文件和投影数据
  db rebuild   根据事件日志重建投影数据
  demo seed    登记示范执法人员
  demo case    新建一个示范案件（输出案件编号）</translation>
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
</context>
</TS>
