/*
Copyright 2026 The pterodactyl-operator Authors.

Licensed under the Apache License, Version 2.0 (the "License");
you may not use this file except in compliance with the License.
You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software
distributed under the License is distributed on an "AS IS" BASIS,
WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
See the License for the specific language governing permissions and
limitations under the License.
*/

package panelsim

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// The messages of PHP's JsonException (json_last_error_msg), which the panel's IsValidJson
// middleware appends to its 400.
const (
	phpJSONDepth         = "Maximum stack depth exceeded"
	phpJSONStateMismatch = "State mismatch (invalid or malformed JSON)"
	phpJSONCtrlChar      = "Control character error, possibly incorrectly encoded"
	phpJSONSyntax        = "Syntax error"
	phpJSONUTF8          = "Malformed UTF-8 characters, possibly incorrectly encoded"
	phpJSONUTF16         = "Single unpaired UTF-16 surrogate in unicode escape"
)

// phpJSONMaxDepth is the depth IsValidJson passes to json_decode. PHP's parser counts the top
// level as 1 and refuses to open a container at the limit, so 511 nested containers pass.
const phpJSONMaxDepth = 512

// phpJSONError says why PHP's json_decode would refuse data, in PHP's words, or "" if it takes
// it. Go's decoder is no stand-in: it accepts trailing data (Decoder), invalid UTF-8 and unpaired
// \u surrogates, nests 10000 deep, and words its errors differently. Like PHP, this reads tokens
// left to right and reports the first fault met, whether the lexer's or the grammar's.
func phpJSONError(data []byte) string {
	p := &phpJSONParser{data: data, depth: 1}
	tok, err := p.next()
	if err == "" {
		err = p.value(tok)
	}
	if err == "" {
		// One value and then the end: anything after it is a fault.
		if tok, err = p.next(); err == "" && tok != tokEnd {
			err = phpJSONSyntax
		}
	}
	return err
}

// Token kinds besides the punctuation bytes { } [ ] : , themselves.
const (
	tokEnd    = 0
	tokString = 's'
	tokScalar = 'v' // number, true, false, null
)

type phpJSONParser struct {
	data  []byte
	pos   int
	depth int
}

// value checks the value that starts with tok.
func (p *phpJSONParser) value(tok byte) string {
	switch tok {
	case tokString, tokScalar:
		return ""
	case '{':
		return p.container('}', ']')
	case '[':
		return p.container(']', '}')
	}
	return phpJSONSyntax
}

// container checks an object (end '}') or an array (end ']') after its opening byte. Closing
// one with the other's bracket is PHP's "state mismatch", not a syntax error.
func (p *phpJSONParser) container(end, other byte) string {
	// PHP checks the depth as soon as the bracket is read, before the next token.
	if p.depth >= phpJSONMaxDepth {
		return phpJSONDepth
	}
	p.depth++
	defer func() { p.depth-- }()
	object := end == '}'
	tok, err := p.next()
	for first := true; ; first = false {
		if err != "" {
			return err
		}
		if first && tok == end {
			return ""
		}
		if first && tok == other {
			return phpJSONStateMismatch
		}
		if object {
			if tok != tokString {
				return phpJSONSyntax
			}
			if tok, err = p.next(); err != "" {
				return err
			}
			if tok != ':' {
				return phpJSONSyntax
			}
			if tok, err = p.next(); err != "" {
				return err
			}
		}
		if err = p.value(tok); err != "" {
			return err
		}
		if tok, err = p.next(); err != "" {
			return err
		}
		switch tok {
		case end:
			return ""
		case other:
			return phpJSONStateMismatch
		case ',':
			tok, err = p.next()
		default:
			return phpJSONSyntax
		}
	}
}

// next reads one token as PHP's lexer does outside strings: a control character is its own
// fault, and so is a byte that is not UTF-8; any other unexpected character is a syntax error.
func (p *phpJSONParser) next() (byte, string) {
	for p.pos < len(p.data) && strings.IndexByte(" \t\r\n", p.data[p.pos]) >= 0 {
		p.pos++
	}
	if p.pos == len(p.data) {
		return tokEnd, ""
	}
	c := p.data[p.pos]
	switch {
	case strings.IndexByte("{}[]:,", c) >= 0:
		p.pos++
		return c, ""
	case c == '"':
		return tokString, p.str()
	case p.number() || p.literal():
		return tokScalar, ""
	case c < 0x20:
		return tokEnd, phpJSONCtrlChar
	}
	if r, size := utf8.DecodeRune(p.data[p.pos:]); r == utf8.RuneError && size <= 1 {
		return tokEnd, phpJSONUTF8
	}
	return tokEnd, phpJSONSyntax
}

func (p *phpJSONParser) literal() bool {
	for _, lit := range []string{"null", "true", "false"} {
		if bytes.HasPrefix(p.data[p.pos:], []byte(lit)) {
			p.pos += len(lit)
			return true
		}
	}
	return false
}

// number consumes the longest JSON number at pos, if one starts there. What follows it is the
// next token's business, as in PHP's longest-match lexer ("01" is two numbers, so a fault).
func (p *phpJSONParser) number() bool {
	d, i := p.data, p.pos
	if i < len(d) && d[i] == '-' {
		i++
	}
	if i == len(d) || !isDigit(d[i]) {
		return false
	}
	if d[i] == '0' {
		i++
	} else {
		i = skipDigits(d, i)
	}
	if i+1 < len(d) && d[i] == '.' && isDigit(d[i+1]) {
		i = skipDigits(d, i+1)
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		j := i + 1
		if j < len(d) && (d[j] == '+' || d[j] == '-') {
			j++
		}
		if j < len(d) && isDigit(d[j]) {
			i = skipDigits(d, j)
		}
	}
	p.pos = i
	return true
}

// str consumes a string from its opening quote. Running out of input inside one is a control
// character fault in PHP, which reads the NUL that ends its buffer.
func (p *phpJSONParser) str() string {
	p.pos++
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch {
		case c == '"':
			p.pos++
			return ""
		case c < 0x20:
			return phpJSONCtrlChar
		case c == '\\':
			if err := p.escape(); err != "" {
				return err
			}
		case c < utf8.RuneSelf:
			p.pos++
		default:
			r, size := utf8.DecodeRune(p.data[p.pos:])
			if r == utf8.RuneError && size <= 1 {
				return phpJSONUTF8
			}
			p.pos += size
		}
	}
	return phpJSONCtrlChar
}

// escape consumes one escape sequence. A \u escape of a surrogate must be a high one followed by
// a low one; a lone half is PHP's UTF-16 fault, and an unknown or short escape a syntax error.
func (p *phpJSONParser) escape() string {
	rest := p.data[p.pos:]
	if len(rest) > 1 && strings.IndexByte(`"\/bfnrt`, rest[1]) >= 0 {
		p.pos += 2
		return ""
	}
	hi, ok := unicodeEscape(rest)
	if !ok {
		return phpJSONSyntax
	}
	switch {
	case hi < 0xD800 || hi > 0xDFFF:
		p.pos += 6
		return ""
	case hi <= 0xDBFF:
		if lo, ok := unicodeEscape(rest[6:]); ok && lo >= 0xDC00 && lo <= 0xDFFF {
			p.pos += 12
			return ""
		}
	}
	return phpJSONUTF16
}

// unicodeEscape reads a \uXXXX at the start of b.
func unicodeEscape(b []byte) (rune, bool) {
	if len(b) < 6 || b[0] != '\\' || b[1] != 'u' {
		return 0, false
	}
	var r rune
	for _, h := range b[2:6] {
		var v byte
		switch {
		case isDigit(h):
			v = h - '0'
		case h >= 'a' && h <= 'f':
			v = h - 'a' + 10
		case h >= 'A' && h <= 'F':
			v = h - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(v)
	}
	return r, true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func skipDigits(d []byte, i int) int {
	for i < len(d) && isDigit(d[i]) {
		i++
	}
	return i
}
