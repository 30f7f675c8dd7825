# acp_sso: the SSO browser (QtWebEngine), a module loaded with QLibrary only when the user starts a
# single sign-on (app/SsoBrowser.h, app/SsoModule.h). Nothing else links QtWebEngine: acp-console
# starts without it. Output next to the executables (bin/), where SsoModule looks first.
find_package(Qt6 6.4 QUIET COMPONENTS WebEngineWidgets)
if(TARGET Qt6::WebEngineWidgets)
  add_library(acp_sso MODULE
    ${CMAKE_CURRENT_LIST_DIR}/SsoBrowser.h
    ${CMAKE_CURRENT_LIST_DIR}/sso/SsoBrowserDialog.h ${CMAKE_CURRENT_LIST_DIR}/sso/SsoBrowserDialog.cpp
    ${CMAKE_CURRENT_LIST_DIR}/sso/SsoCertificates.h ${CMAKE_CURRENT_LIST_DIR}/sso/SsoCertificates.cpp)
  target_include_directories(acp_sso PRIVATE ${CMAKE_SOURCE_DIR})
  target_link_libraries(acp_sso PRIVATE Qt6::WebEngineWidgets Qt6::Widgets Qt6::Network OpenSSL::Crypto)
  set_target_properties(acp_sso PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin PREFIX "lib" OUTPUT_NAME acp_sso)
else()
  message(STATUS "QtWebEngine (Qt6WebEngineWidgets) not found: single sign-on is not built")
endif()
