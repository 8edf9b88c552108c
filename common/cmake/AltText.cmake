# Gives every figure of the site its caption as alt text. Doxygen 1.9 writes `\image` as
# <img alt=""> followed by the caption; screen readers and text browsers need the alt.
#   cmake -DHTML=<site folder> -P AltText.cmake
file(GLOB pages ${HTML}/*.html)
set(figure "<img src=\"([^\"]+)\" alt=\"\"([^>]*)/>\n<div class=\"caption\">\n([^<]*)</div>")
foreach(page ${pages})
  file(READ ${page} html)
  set(changed FALSE)
  while(html MATCHES "${figure}")
    set(whole "${CMAKE_MATCH_0}")
    string(REPLACE "\"" "&quot;" alt "${CMAKE_MATCH_3}")
    string(REPLACE "<img src=\"${CMAKE_MATCH_1}\" alt=\"\"" "<img src=\"${CMAKE_MATCH_1}\" alt=\"${alt}\""
           replaced "${whole}")
    string(REPLACE "${whole}" "${replaced}" html "${html}")
    set(changed TRUE)
  endwhile()
  if(changed)
    file(WRITE ${page} "${html}")
  endif()
endforeach()
