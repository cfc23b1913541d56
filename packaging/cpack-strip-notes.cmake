# CPack pre-build script (Linux): removes the .comment and .note sections from the staged
# executables, which a plain `strip` keeps. Runs once per generator on its staging tree.
if(NOT CPACK_SLUICE_STRIP)
    return()
endif()
file(GLOB_RECURSE staged LIST_DIRECTORIES false "${CPACK_TEMPORARY_DIRECTORY}/*")
list(FILTER staged INCLUDE REGEX "/bin/[^/]+$")
foreach(exe IN LISTS staged)
    execute_process(COMMAND ${CPACK_SLUICE_STRIP} --remove-section=.comment --remove-section=.note ${exe}
        RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "strip failed on ${exe}")
    endif()
    message(STATUS "stripped .comment and .note from ${exe}")
endforeach()
