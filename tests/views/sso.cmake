# Single sign-on from the login dialog through the SSO browser module (loaded at run time like
# the console does it: the test does not link QtWebEngine) against a fresh acp-sandbox.
acp_add_test(NAME tst_ssologin LABEL e2e SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_ssologin.cpp LIBS acp_login TIMEOUT 300)
add_dependencies(tst_ssologin acp-sandbox)
if(TARGET acp_sso)
  add_dependencies(tst_ssologin acp_sso)
endif()
