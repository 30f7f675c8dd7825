# Single sign-on from the login dialog through the SSO browser module (loaded at run time like
# the console does it: the test does not link QtWebEngine) against a fresh acp-sandbox.
acp_add_test(NAME tst_ssologin LABEL e2e SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_ssologin.cpp LIBS acp_login TIMEOUT 300)
add_dependencies(tst_ssologin acp-sandbox)
if(TARGET acp_sso)
  add_dependencies(tst_ssologin acp_sso)
endif()
# The SSO browser's check of a platform certificate against the user's CA file (OpenSSL; the
# module's source compiled in, no QtWebEngine needed).
acp_add_test(NAME tst_ssocertificates LABEL e2e SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_ssocertificates.cpp
  ${CMAKE_SOURCE_DIR}/app/sso/SsoCertificates.cpp LIBS acp_api Qt6::Network OpenSSL::Crypto TIMEOUT 120)
add_dependencies(tst_ssocertificates acp-sandbox)
# The login dialog when the SSO module cannot be loaded.
acp_add_test(NAME tst_ssomodule LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_ssomodule.cpp LIBS acp_login TIMEOUT 60)
