# Fails when any user-visible string lacks a zh_CN translation. Runs lupdate over the current
# sources into a scratch copy of the .ts, so a tr() added without running lupdate is caught too.
# Inputs: LUPDATE, GENERATOR (Qt's GenerateLUpdateProject.cmake), PROJECT_IN (the project description
# qt_add_lupdate writes at generate time), TS_FILE, WORK_DIR.
file(MAKE_DIRECTORY ${WORK_DIR})
set(project_json ${WORK_DIR}/project.json)
execute_process(COMMAND ${CMAKE_COMMAND} -DIN_FILE=${PROJECT_IN} -DOUT_FILE=${project_json} -P ${GENERATOR}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "Could not generate the lupdate project file from ${PROJECT_IN}")
endif()
set(scratch ${WORK_DIR}/fieldcase_zh_CN.ts)
file(COPY_FILE ${TS_FILE} ${scratch})
execute_process(COMMAND ${LUPDATE} -project ${project_json} -no-obsolete -locations none
                        -ts ${scratch}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "lupdate failed (${rc}):\n${out}\n${err}")
endif()
file(STRINGS ${scratch} lines)
set(previous "")
set(missing "")
foreach(line IN LISTS lines)
  if(line MATCHES "type=\"unfinished\"")
    string(APPEND missing "  ${previous}\n")
  endif()
  set(previous "${line}")
endforeach()
if(missing)
  message(FATAL_ERROR "Strings without a zh_CN translation (run `ninja fieldcase_appcommon_lupdate`, "
                      "then translate resources/translations/fieldcase_zh_CN.ts):\n${missing}")
endif()
message(STATUS "zh_CN translation complete")
