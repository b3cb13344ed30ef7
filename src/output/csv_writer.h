#pragma once
// Writing CSV that CsvReader (and any RFC 4180 reader) reads back to the same fields.
#include <string>
#include <string_view>
#include <vector>

namespace backtriage {

// Appends `field` to `out`, in quotes with its quotes doubled when it holds a comma, a quote,
// a CR or LF, begins or ends with a space or tab (which careless readers trim), or begins with
// a UTF-8 byte-order mark (which readers drop at the start of a file); as it is otherwise.
// Never throws except std::bad_alloc.
void append_csv_field(std::string& out, std::string_view field);

// Appends the fields separated by commas and a "\n". A row of one empty field is written as
// `""` so that it is not read back as an empty line, which readers skip; a row of no fields
// is written as an empty line.
void append_csv_row(std::string& out, const std::vector<std::string_view>& fields);

}  // namespace backtriage
