# ctest script: every .ts file in TS_DIR is complete — no message left unfinished and none
# (or none of its plural forms) empty, so a user of that language never meets an English
# string whose translation slot is empty.
file(GLOB ts_files ${TS_DIR}/*.ts)
if(NOT ts_files)
    message(FATAL_ERROR "No .ts files in ${TS_DIR}")
endif()
set(problems "")
set(total 0)
foreach(ts IN LISTS ts_files)
    get_filename_component(name ${ts} NAME)
    file(READ ${ts} content)
    # One list element per <message>…</message> (semicolons in the text are masked first).
    string(REPLACE ";" "(semicolon)" content "${content}")
    string(REPLACE "</message>" ";" messages "${content}")
    foreach(message IN LISTS messages)
        if(NOT message MATCHES "<message")
            continue()
        endif()
        if(message MATCHES "type=\"(vanished|obsolete)\"")
            continue() # kept for reference; lrelease leaves these out
        endif()
        math(EXPR total "${total} + 1")
        string(REGEX MATCH "<source>([^<]*)</source>" _ "${message}")
        set(source "${CMAKE_MATCH_1}")
        if(message MATCHES "type=\"unfinished\"")
            list(APPEND problems "${name}: unfinished: \"${source}\"")
        elseif(message MATCHES "<translation */>|<translation>[ \t\r\n]*</translation>|<numerusform */>|<numerusform></numerusform>")
            # Finished but empty (an edit by hand): lrelease would show the English text.
            list(APPEND problems "${name}: empty translation: \"${source}\"")
        endif()
    endforeach()
endforeach()
if(problems)
    list(JOIN problems "\n  " text)
    message(FATAL_ERROR "Translations are incomplete. Translate these with Qt Linguist "
        "(see packaging/README.md):\n  ${text}")
endif()
message(STATUS "${total} messages, all translated")
