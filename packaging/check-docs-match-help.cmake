# ctest script: every long option that `sluice --help` or `sluice <command> --help` prints
# must appear in the man page and in the bash completion, so neither falls behind the CLI.
# Inputs: SLUICE (the executable), MANPAGE (sluice.1.in), COMPLETION (bash script).
foreach(var SLUICE MANPAGE COMPLETION)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "${var} is not set")
    endif()
endforeach()

file(READ ${MANPAGE} manpage)
string(REPLACE "\\-" "-" manpage "${manpage}") # roff writes a hyphen as \-
file(READ ${COMPLETION} completion)

set(missing "")
foreach(command "" run models doctor pull ps rm history export)
    if(command STREQUAL "")
        set(args --help)
    else()
        set(args ${command} --help)
    endif()
    execute_process(COMMAND ${SLUICE} ${args}
        OUTPUT_VARIABLE help ERROR_VARIABLE help_err RESULT_VARIABLE rc
        TIMEOUT 20)
    string(APPEND help "${help_err}")
    string(REGEX MATCHALL "--[a-z][a-z0-9-]*" options "${help}")
    list(REMOVE_DUPLICATES options)
    foreach(option IN LISTS options)
        if(option MATCHES "^--(help|version|help-all)$")
            continue() # Qt's own, documented in the man page but not worth completing.
        endif()
        string(FIND "${manpage}" "${option}" in_man)
        string(FIND "${completion}" "${option}" in_completion)
        if(in_man EQUAL -1)
            list(APPEND missing "${option} (from 'sluice ${args}') is not in the man page")
        endif()
        if(in_completion EQUAL -1)
            list(APPEND missing "${option} (from 'sluice ${args}') is not in the bash completion")
        endif()
    endforeach()
endforeach()

if(missing)
    list(JOIN missing "\n  " text)
    message(FATAL_ERROR "Documentation is behind the command line:\n  ${text}")
endif()
message(STATUS "man page and bash completion cover every option --help prints")
