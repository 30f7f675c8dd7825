# Pure-logic selector/quantity/RBAC building blocks (Qt Core only).
target_sources(acp_models PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/GoQuote.h
  ${CMAKE_CURRENT_LIST_DIR}/LabelSelector.h ${CMAKE_CURRENT_LIST_DIR}/LabelSelector.cpp
  ${CMAKE_CURRENT_LIST_DIR}/FieldSelector.h ${CMAKE_CURRENT_LIST_DIR}/FieldSelector.cpp
  ${CMAKE_CURRENT_LIST_DIR}/Quantity.h ${CMAKE_CURRENT_LIST_DIR}/Quantity.cpp)
