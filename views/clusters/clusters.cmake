target_sources(acp_views_clusters PRIVATE ${CMAKE_CURRENT_LIST_DIR}/ClustersPages.h ${CMAKE_CURRENT_LIST_DIR}/ClustersPages.cpp)
