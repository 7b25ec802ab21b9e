cmake_minimum_required(VERSION 3.25)
# Fails if a layer links or includes more than it may (ARCHITECTURE.md §2: core knows nothing of
# devices, network or widgets; the device plugin API is Qt Core only, so a vendor's plugin needs
# nothing else). Inputs: NAME (for messages), LINK_FILE (generated list of the target's link
# libraries), ALLOWED (comma-separated link libraries), SOURCES_DIR (folder whose files are scanned),
# FORBIDDEN (regex of include paths it must not use), optional EXCLUDE (regex of files not scanned).
file(READ "${LINK_FILE}" libs)
string(REPLACE ";" "\n" libs "${libs}")
string(REPLACE "\n" ";" libs "${libs}")
string(REPLACE "," ";" ALLOWED "${ALLOWED}")
set(problems "")
foreach(lib IN LISTS libs)
  string(STRIP "${lib}" lib)
  if(lib STREQUAL "")
    continue()
  endif()
  if(NOT lib IN_LIST ALLOWED)
    string(APPEND problems "${NAME} links ${lib}\n")
  endif()
endforeach()

file(GLOB_RECURSE sources "${SOURCES_DIR}/*.h" "${SOURCES_DIR}/*.cpp")
if(EXCLUDE)
  list(FILTER sources EXCLUDE REGEX "${EXCLUDE}")
endif()
foreach(src IN LISTS sources)
  file(STRINGS "${src}" hits REGEX "#include[ \t]*[<\"](${FORBIDDEN})")
  foreach(hit IN LISTS hits)
    string(APPEND problems "${src}: ${hit}\n")
  endforeach()
endforeach()

if(problems)
  message(FATAL_ERROR "Layering violated:\n${problems}")
endif()
list(LENGTH sources n)
message(STATUS "${NAME} layering ok: links ${libs}; ${n} files scanned")
