# ACP platform endpoints under /auth/v2 (userbindings).
target_sources(acp_sandbox PRIVATE ${CMAKE_CURRENT_LIST_DIR}/PlatformUserBindings.cpp)
