# Pure-logic building blocks (Qt Core only): label/field selectors, resource quantities, RBAC.
target_sources(acp_models PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/GoQuote.h
  ${CMAKE_CURRENT_LIST_DIR}/LabelSelector.h ${CMAKE_CURRENT_LIST_DIR}/LabelSelector.cpp
  ${CMAKE_CURRENT_LIST_DIR}/LabelSelectorParser.h ${CMAKE_CURRENT_LIST_DIR}/LabelSelectorParser.cpp
  ${CMAKE_CURRENT_LIST_DIR}/FieldSelector.h ${CMAKE_CURRENT_LIST_DIR}/FieldSelector.cpp
  ${CMAKE_CURRENT_LIST_DIR}/Quantity.h ${CMAKE_CURRENT_LIST_DIR}/Quantity.cpp
  ${CMAKE_CURRENT_LIST_DIR}/RbacTypes.h ${CMAKE_CURRENT_LIST_DIR}/RbacTypes.cpp
  ${CMAKE_CURRENT_LIST_DIR}/RbacEvaluator.h ${CMAKE_CURRENT_LIST_DIR}/RbacEvaluator.cpp)
