# The site's figures as a reader wants them. Doxygen 1.9 writes `\image` as <img alt=""> followed
# by the caption, not linked, and a graphviz picture (\dotfile, \dot) with an empty image map.
# Here every figure of either kind
# - gets its caption as alt text (for screen readers and text browsers),
# - opens at full size on a click (the page shows it scaled to the text column), and
# - offers what drew it for download under the caption, copied from STAGE where a run staged it:
#   a plot's gnuplot script, a network's DOT text.
#   cmake -DHTML=<site folder> -DSTAGE=<staged images and scripts> -P Figures.cmake

# Links the figures in `html` of the kind Doxygen wraps in <div class="${class}">; the file that
# drew one is its image's name with `from` (a regular expression) replaced by `to`.
function(link_figures class from to label)
  set(figure "<div class=\"${class}\">\n<img src=\"([^\"]+)\"([^>]*)/>\n<div class=\"caption\">\n([^<]*)</div>")
  while(html MATCHES "${figure}")
    set(whole "${CMAKE_MATCH_0}")
    set(src "${CMAKE_MATCH_1}")
    set(attributes "${CMAKE_MATCH_2}")
    set(caption "${CMAKE_MATCH_3}")
    # Keep the size Doxygen set; the empty alt and the (empty) image map go.
    string(REGEX REPLACE " (alt|border|usemap)=\"[^\"]*\"" "" attributes "${attributes}")
    string(REPLACE "\"" "&quot;" alt "${caption}")
    string(REGEX REPLACE "${from}" "${to}" source "${src}")
    set(download "")
    if(EXISTS "${STAGE}/${source}")
      file(COPY_FILE "${STAGE}/${source}" "${HTML}/${source}")
      set(download " <a class=\"figure-script\" href=\"${source}\" download>${label}</a>")
    endif()
    # The image now sits in a link, so the pattern no longer matches this figure.
    set(replaced "<div class=\"${class}\">\n<a class=\"figure-full\" href=\"${src}\" title=\"Open the figure at full size\"><img src=\"${src}\" alt=\"${alt}\"${attributes}/></a>\n<div class=\"caption\">\n${caption}${download}</div>")
    string(REPLACE "${whole}" "${replaced}" html "${html}")
  endwhile()
  set(html "${html}" PARENT_SCOPE)
endfunction()

file(GLOB pages ${HTML}/*.html)
foreach(page ${pages})
  file(READ ${page} html)
  set(before "${html}")
  link_figures(image "\\.png$" ".gp" "gnuplot script")
  link_figures(dotgraph "^dot_(.*)\\.png$" "\\1.dot" "DOT source")
  if(NOT html STREQUAL before)
    file(WRITE ${page} "${html}")
  endif()
endforeach()
