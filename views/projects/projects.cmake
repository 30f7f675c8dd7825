target_sources(acp_views_projects PRIVATE ${CMAKE_CURRENT_LIST_DIR}/ProjectsPages.h ${CMAKE_CURRENT_LIST_DIR}/ProjectsPages.cpp)
