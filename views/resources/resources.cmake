target_sources(acp_views_resources PRIVATE ${CMAKE_CURRENT_LIST_DIR}/ResourcesPages.h ${CMAKE_CURRENT_LIST_DIR}/ResourcesPages.cpp)
