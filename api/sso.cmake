target_sources(acp_api PRIVATE ${CMAKE_CURRENT_LIST_DIR}/PlatformClientBrowser.cpp)
