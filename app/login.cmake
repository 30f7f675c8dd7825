# acp_login: the login dialog (password, API token, single sign-on) and the loader of the SSO
# browser module. A library of its own so login tests build without every page; acp_app links it.
add_library(acp_login STATIC
  ${CMAKE_CURRENT_LIST_DIR}/LoginDialog.h ${CMAKE_CURRENT_LIST_DIR}/LoginDialog.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SsoBrowser.h
  ${CMAKE_CURRENT_LIST_DIR}/SsoModule.h ${CMAKE_CURRENT_LIST_DIR}/SsoModule.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SsoLogin.h ${CMAKE_CURRENT_LIST_DIR}/SsoLogin.cpp)
target_include_directories(acp_login PUBLIC ${CMAKE_SOURCE_DIR})
target_link_libraries(acp_login PUBLIC acp_views_common acp_api Qt6::Widgets)
target_link_libraries(acp_app PUBLIC acp_login)
