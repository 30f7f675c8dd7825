target_sources(acp_views_clusters PRIVATE ${CMAKE_CURRENT_LIST_DIR}/ClustersPages.h ${CMAKE_CURRENT_LIST_DIR}/ClustersPages.cpp
  ${CMAKE_CURRENT_LIST_DIR}/FleetPage.h ${CMAKE_CURRENT_LIST_DIR}/FleetPage.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ClusterPage.h ${CMAKE_CURRENT_LIST_DIR}/ClusterPage.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ClusterOverviewTab.h ${CMAKE_CURRENT_LIST_DIR}/ClusterOverviewTab.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ClusterNodesTab.h ${CMAKE_CURRENT_LIST_DIR}/ClusterNodesTab.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ClusterEventsTab.h ${CMAKE_CURRENT_LIST_DIR}/ClusterEventsTab.cpp
  ${CMAKE_CURRENT_LIST_DIR}/NodeDrainDialog.h ${CMAKE_CURRENT_LIST_DIR}/NodeDrainDialog.cpp)
