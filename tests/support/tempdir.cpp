#include "tests/support/tempdir.h"

#include <catch2/catch.hpp>

namespace fieldcase::test {

TempDir::TempDir()
{
    REQUIRE(m_dir.isValid());
    if (qEnvironmentVariableIsSet("FIELDCASE_KEEP_TMP")) {
        m_dir.setAutoRemove(false);
        WARN("keeping " << m_dir.path().toStdString());
    }
}

} // namespace fieldcase::test
