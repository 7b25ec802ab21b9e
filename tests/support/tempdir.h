// A fresh temporary directory per test, removed afterwards unless FIELDCASE_KEEP_TMP is set.
#pragma once

#include <QString>
#include <QTemporaryDir>

namespace fieldcase::test {

class TempDir
{
public:
    TempDir();
    [[nodiscard]] QString path() const { return m_dir.path(); }
    [[nodiscard]] QString file(const QString& name) const { return m_dir.filePath(name); }

private:
    QTemporaryDir m_dir;
};

} // namespace fieldcase::test
