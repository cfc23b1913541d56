# CPack: what `cmake --build build --target package` (or `cd build && cpack`) produces.
#   Linux:   sluice_<version>_<arch>.deb, sluice-<version>-<release>.<arch>.rpm,
#            sluice-<version>-linux-<arch>.tar.gz
#   macOS:   Sluice-<version>-macos.dmg       (DragNDrop, with the deployed app bundle)
#   Windows: Sluice-<version>-windows-<arch>.exe (NSIS) and, with WiX installed, .msi
set(CPACK_PACKAGE_NAME "sluice")
set(CPACK_PACKAGE_VENDOR "The Sluice authors")
set(CPACK_PACKAGE_CONTACT "${SLUICE_MAINTAINER}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${SLUICE_SUMMARY}")
set(CPACK_PACKAGE_DESCRIPTION "${SLUICE_LONG_DESCRIPTION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Sluice")
set(CPACK_PACKAGE_EXECUTABLES "sluice;Sluice") # Start-menu entry (NSIS, WiX)
# WiX accepts a licence only as .txt or .rtf.
configure_file(${PROJECT_SOURCE_DIR}/LICENSE ${CMAKE_CURRENT_BINARY_DIR}/LICENSE.txt COPYONLY)
set(CPACK_RESOURCE_FILE_LICENSE "${CMAKE_CURRENT_BINARY_DIR}/LICENSE.txt")
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/build.*/;/\\.git/;/\\.cache/")
set(CPACK_VERBATIM_VARIABLES ON)

string(TOLOWER "${CMAKE_SYSTEM_PROCESSOR}" _arch)
if(_arch STREQUAL "amd64")
    set(_arch "x86_64")
endif()

if(APPLE)
    set(CPACK_GENERATOR "DragNDrop")
    set(CPACK_PACKAGE_FILE_NAME "Sluice-${PROJECT_VERSION}-macos")
    set(CPACK_PACKAGE_ICON "${CMAKE_CURRENT_SOURCE_DIR}/macos/sluice.icns") # volume icon
    set(CPACK_DMG_VOLUME_NAME "Sluice ${PROJECT_VERSION}")
    set(CPACK_DMG_FORMAT "UDZO")
    # Don't turn the licence into a click-through agreement on mounting the image.
    set(CPACK_DMG_SLA_USE_RESOURCE_FILE_LICENSE OFF)
elseif(WIN32)
    set(CPACK_PACKAGE_FILE_NAME "Sluice-${PROJECT_VERSION}-windows-${_arch}")
    set(CPACK_GENERATOR "NSIS")
    find_program(WIX_CANDLE candle PATHS "$ENV{WIX}/bin")
    if(WIX_CANDLE)
        list(APPEND CPACK_GENERATOR "WIX")
    endif()

    # NSIS: icon, Start-menu shortcut (CPACK_PACKAGE_EXECUTABLES), uninstaller (always made,
    # registered in "Apps & features"), and an old version removed before an upgrade.
    set(CPACK_NSIS_PACKAGE_NAME "Sluice")
    set(CPACK_NSIS_DISPLAY_NAME "Sluice ${PROJECT_VERSION}")
    set(CPACK_NSIS_MUI_ICON "${CMAKE_CURRENT_SOURCE_DIR}/windows/sluice.ico")
    set(CPACK_NSIS_MUI_UNIICON "${CMAKE_CURRENT_SOURCE_DIR}/windows/sluice.ico")
    set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\sluice.exe")
    set(CPACK_NSIS_URL_INFO_ABOUT "${PROJECT_HOMEPAGE_URL}")
    set(CPACK_NSIS_HELP_LINK "${PROJECT_HOMEPAGE_URL}")
    set(CPACK_NSIS_CONTACT "${SLUICE_MAINTAINER}")
    set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
    set(CPACK_NSIS_EXECUTABLES_DIRECTORY "bin")
    set(CPACK_NSIS_MUI_FINISHPAGE_RUN "sluice.exe")
    set(CPACK_NSIS_MODIFY_PATH ON) # offer to put bin\ on PATH, for `sluice run`
    set(CPACK_NSIS_IGNORE_LICENSE_PAGE OFF)

    # WiX: a fixed upgrade code, so a newer .msi replaces an older one instead of installing
    # beside it. Never change this GUID.
    set(CPACK_WIX_UPGRADE_GUID "6F0C5E2B-8A4D-4C1E-9B7A-3D2F1E0A5C47")
    set(CPACK_WIX_PRODUCT_ICON "${CMAKE_CURRENT_SOURCE_DIR}/windows/sluice.ico")
    set(CPACK_WIX_PROGRAM_MENU_FOLDER "Sluice")
    set(CPACK_WIX_PROPERTY_ARPURLINFOABOUT "${PROJECT_HOMEPAGE_URL}")
else()
    set(CPACK_GENERATOR "DEB;RPM;TGZ")
    # After CPack's plain strip, drop the .comment and .note sections too (as dh_strip does).
    set(CPACK_PRE_BUILD_SCRIPTS ${CMAKE_CURRENT_SOURCE_DIR}/cpack-strip-notes.cmake)
    set(CPACK_SLUICE_STRIP "${CMAKE_STRIP}")
    set(CPACK_PACKAGE_FILE_NAME "sluice-${PROJECT_VERSION}-linux-${_arch}") # the .tar.gz
    # .deb and .rpm install under /usr (their default); the .tar.gz is relocatable.
    # The .tar.gz unpacks into sluice-<version>-linux-<arch>/{bin,share}.
    set(CPACK_ARCHIVE_FILE_NAME "${CPACK_PACKAGE_FILE_NAME}")

    # Debian: dependencies from dpkg-shlibdeps, plus the Qt plugins it cannot see (the
    # X11/Wayland platform plugins and the SQLite driver the history needs).
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
    set(CPACK_DEBIAN_PACKAGE_SECTION "net")
    set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
    set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${SLUICE_MAINTAINER}")
    set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6sql6-sqlite, qt6-image-formats-plugins")
    # The SVG icon engine (sharp window icon), Qt's own German strings, a keychain service.
    set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libqt6svg6, qt6-translations-l10n")
    set(CPACK_DEBIAN_PACKAGE_SUGGESTS "gnome-keyring | kwalletmanager")
    set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
    set(CPACK_DEBIAN_COMPRESSION_TYPE "xz")

    # RPM: requirements found by rpmbuild's dependency generator (AutoReqProv).
    set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
    set(CPACK_RPM_PACKAGE_RELEASE 1)
    set(CPACK_RPM_PACKAGE_RELEASE_DIST ON)
    set(CPACK_RPM_PACKAGE_LICENSE "MIT")
    set(CPACK_RPM_PACKAGE_GROUP "Applications/Internet")
    set(CPACK_RPM_PACKAGE_URL "${PROJECT_HOMEPAGE_URL}")
    set(CPACK_RPM_SPEC_MORE_DEFINE "%define packager ${SLUICE_MAINTAINER}")
    set(CPACK_RPM_PACKAGE_AUTOREQ ON)
    set(CPACK_RPM_PACKAGE_AUTOPROV ON)
    set(CPACK_RPM_PACKAGE_DESCRIPTION "${SLUICE_LONG_DESCRIPTION}")
    # Directories the distribution's filesystem/hicolor packages own; the rpm must not claim them.
    set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
        /usr/share/applications
        /usr/share/metainfo
        /usr/share/icons
        /usr/share/icons/hicolor
        /usr/share/icons/hicolor/scalable
        /usr/share/icons/hicolor/scalable/apps
        /usr/share/man
        /usr/share/man/man1
        /usr/share/bash-completion
        /usr/share/bash-completion/completions
        /usr/share/doc)
    foreach(size IN LISTS SLUICE_ICON_SIZES)
        list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
            /usr/share/icons/hicolor/${size}x${size}
            /usr/share/icons/hicolor/${size}x${size}/apps)
    endforeach()
endif()

include(CPack)
