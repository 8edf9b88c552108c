# The site's figures as a reader wants them. Doxygen 1.9 writes `\image` as <img alt=""> followed
# by the caption, not linked. Here every figure
# - gets its caption as alt text (for screen readers and text browsers),
# - opens at full size on a click (the page shows it scaled to the text column), and
# - offers the gnuplot script that drew it for download under the caption, copied from STAGE.
#   cmake -DHTML=<site folder> -DSTAGE=<staged images and scripts> -P Figures.cmake
file(GLOB pages ${HTML}/*.html)
set(figure "<div class=\"image\">\n<img src=\"([^\"]+)\" alt=\"\"([^>]*)/>\n<div class=\"caption\">\n([^<]*)</div>")
foreach(page ${pages})
  file(READ ${page} html)
  set(changed FALSE)
  while(html MATCHES "${figure}")
    set(whole "${CMAKE_MATCH_0}")
    set(src "${CMAKE_MATCH_1}")
    set(attributes "${CMAKE_MATCH_2}")
    set(caption "${CMAKE_MATCH_3}")
    string(REPLACE "\"" "&quot;" alt "${caption}")
    string(REGEX REPLACE "\\.png$" ".gp" script "${src}")
    set(download "")
    if(EXISTS "${STAGE}/${script}")
      file(COPY_FILE "${STAGE}/${script}" "${HTML}/${script}")
      set(download " <a class=\"figure-script\" href=\"${script}\" download>gnuplot script</a>")
    endif()
    set(replaced "<div class=\"image\">\n<a class=\"figure-full\" href=\"${src}\" title=\"Open the figure at full size\"><img src=\"${src}\" alt=\"${alt}\"${attributes}/></a>\n<div class=\"caption\">\n${caption}${download}</div>")
    string(REPLACE "${whole}" "${replaced}" html "${html}")
    set(changed TRUE)
  endwhile()
  if(changed)
    file(WRITE ${page} "${html}")
  endif()
endforeach()
