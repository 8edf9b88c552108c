# The site's HTML header: the one the installed Doxygen writes by default (`doxygen -w html`, so it
# matches that version's placeholders), with the scripts the reader's tools need added to <head>:
# doxygen-awesome's dark-mode toggle, copy buttons on code, paragraph links and interactive table of
# contents, then lunr and docs/site.js for the full-text search, and common/live/live.js for the
# "Run it here" panels.
# Doxygen's own MathJax lines ($mathjax) make way for docs/mathjax.js, which loads MathJax only on
# a page that has a formula.
#   cmake -DIN=<default header> -DOUT=<site header> -P SiteHeader.cmake
file(READ "${IN}" header)
string(FIND "${header}" "$mathjax" at)
if(at EQUAL -1)
  message(FATAL_ERROR "${IN} has no $mathjax: cannot load MathJax the site's way")
endif()
string(REPLACE "$mathjax"
  "<script type=\"text/javascript\" src=\"$relpath^mathjax.js\"></script>" header "${header}")
set(scripts "")
foreach(extension DarkModeToggle FragmentCopyButton ParagraphLink InteractiveToc)
  string(REGEX REPLACE "([a-z])([A-Z])" "\\1-\\2" file "${extension}")
  string(TOLOWER "${file}" file)
  string(REPLACE "dark-mode-toggle" "darkmode-toggle" file "${file}")
  string(APPEND scripts
    "<script type=\"text/javascript\" src=\"$relpath^doxygen-awesome-${file}.js\"></script>\n"
    "<script type=\"text/javascript\">DoxygenAwesome${extension}.init()</script>\n")
endforeach()
string(APPEND scripts
  "<script type=\"text/javascript\" src=\"$relpath^lunr.min.js\"></script>\n"
  "<script type=\"text/javascript\" src=\"$relpath^site.js\"></script>\n"
  "<script type=\"text/javascript\" src=\"$relpath^live.js\"></script>\n")
string(FIND "${header}" "</head>" at)
if(at EQUAL -1)
  message(FATAL_ERROR "${IN} has no </head>: cannot add the site's scripts")
endif()
string(REPLACE "</head>" "${scripts}</head>" header "${header}")
file(WRITE "${OUT}" "${header}")
