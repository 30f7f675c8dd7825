# ACP platform endpoints of acp-sandbox: /auth/v1 (clusters, projects, users, tokens), the
# five-call login (/console-platform, /dex) and per-user filtered watches. OpenSSL::Crypto (RSA)
# is linked by sandbox/CMakeLists.txt.
target_sources(acp_sandbox PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/PlatformApi.h ${CMAKE_CURRENT_LIST_DIR}/PlatformApi.cpp
  ${CMAKE_CURRENT_LIST_DIR}/PlatformApiLogin.cpp
  ${CMAKE_CURRENT_LIST_DIR}/PlatformAccess.h ${CMAKE_CURRENT_LIST_DIR}/PlatformAccess.cpp
  ${CMAKE_CURRENT_LIST_DIR}/PlatformLogin.h ${CMAKE_CURRENT_LIST_DIR}/PlatformLogin.cpp
  ${CMAKE_CURRENT_LIST_DIR}/PlatformLoginSso.cpp
  ${CMAKE_CURRENT_LIST_DIR}/PlatformWatch.h ${CMAKE_CURRENT_LIST_DIR}/PlatformWatch.cpp)
