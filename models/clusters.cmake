# The Clusters area's models: fleet health aggregates (FleetHealthModel, fed by FleetHealthFeed),
# node drain orchestration (NodeDrain), cluster registration (ClusterRegistration).
target_sources(acp_models PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/FleetHealthAggregates.h ${CMAKE_CURRENT_LIST_DIR}/FleetHealthAggregates.cpp
  ${CMAKE_CURRENT_LIST_DIR}/FleetHealthModel.h ${CMAKE_CURRENT_LIST_DIR}/FleetHealthModel.cpp)
target_sources(acp_models PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/FleetHealthFeed.h ${CMAKE_CURRENT_LIST_DIR}/FleetHealthFeed.cpp
  ${CMAKE_CURRENT_LIST_DIR}/NodeDrain.h ${CMAKE_CURRENT_LIST_DIR}/NodeDrain.cpp)
target_sources(acp_models PRIVATE ${CMAKE_CURRENT_LIST_DIR}/ClusterRegistration.h ${CMAKE_CURRENT_LIST_DIR}/ClusterRegistration.cpp)
