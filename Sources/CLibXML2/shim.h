// libxml2's HTML parser, for reading published reports as the broken HTML they often are.
#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU, whose headers clash with the ICU inside Swift's
// Foundation. We never touch the encoding handler structure that uses it, so leave it out.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/globals.h>

// xmlFree is a global function pointer; Swift 6 cannot read a mutable global safely.
static inline void gk_xml_free(void *pointer) { xmlFree(pointer); }
