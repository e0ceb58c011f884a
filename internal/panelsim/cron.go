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
	"errors"
	"strconv"
	"strings"
	"time"
)

// A five-field cron evaluator with the semantics of dragonmantank/cron-expression v3.4 (the
// panel's composer.lock), which Utilities::getScheduleNextRunDate feeds with
// "minute hour day-of-month month day-of-week":
//   - each field takes *, a number, a-b, */n or a-b/n (a plain n/m is invalid), and lists of
//     those; months take JAN-DEC, days of the week 0-7 (0 and 7 are Sunday) or MON-SUN;
//   - day of month also takes ?, L (the last day) and nW (the weekday nearest day n); day of
//     week ?, nL (the last such weekday of the month) and n#k (the k-th such weekday);
//   - when both day fields are restricted (neither is "*"), a day matching either one runs (the
//     side that is "?" is left out);
//   - the next run is the first matching minute after the current one.
// An expression with fewer than five parts, or one no date satisfies, is an error, which the
// panel answers with a 400.

var errBadCron = errors.New("invalid cron expression")

// cronField is one position's range and names.
type cronField struct {
	lo, hi int
	names  map[string]int
}

var cronFields = [5]cronField{
	{lo: 0, hi: 59},
	{lo: 0, hi: 23},
	{lo: 1, hi: 31},
	{lo: 1, hi: 12, names: map[string]int{"JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6,
		"JUL": 7, "AUG": 8, "SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12}},
	{lo: 0, hi: 7, names: map[string]int{"MON": 1, "TUE": 2, "WED": 3, "THU": 4, "FRI": 5, "SAT": 6, "SUN": 7}},
}

const (
	cronMinute = iota
	cronHour
	cronDayOfMonth
	cronMonth
	cronDayOfWeek
)

// cronExpr is a parsed expression.
type cronExpr struct{ parts [5]string }

// parseCron splits and validates the joined fields the way CronExpression::setExpression does.
func parseCron(minute, hour, dayOfMonth, month, dayOfWeek string) (*cronExpr, error) {
	split := strings.Fields(strings.Join([]string{minute, hour, dayOfMonth, month, dayOfWeek}, " "))
	if len(split) != 5 || split[0] == "?" || split[1] == "?" || split[3] == "?" || (split[2] == "?" && split[4] == "?") {
		return nil, errBadCron
	}
	var e cronExpr
	for i, p := range split {
		if !cronFields[i].validate(i, p) || !cronFields[i].stepRangesOK(p) {
			return nil, errBadCron
		}
		e.parts[i] = p
	}
	return &e, nil
}

func (f cronField) literal(v string) string {
	if n, ok := f.names[strings.ToUpper(v)]; ok {
		return strconv.Itoa(n)
	}
	return v
}

// validate is AbstractField::validate with the day fields' extra forms.
func (f cronField) validate(pos int, v string) bool {
	if f.basicValid(v) {
		if pos == cronDayOfMonth && strings.Contains(v, ",") && strings.ContainsAny(v, "WL") {
			return false
		}
		return true
	}
	switch pos {
	case cronDayOfMonth:
		if strings.Contains(v, ",") && strings.ContainsAny(v, "WL") {
			return false
		}
		if v == "?" || v == "L" {
			return true
		}
		if d, ok := strings.CutSuffix(v, "W"); ok {
			return f.validate(pos, d)
		}
	case cronDayOfWeek:
		if v == "?" {
			return true
		}
		if d, ok := strings.CutSuffix(v, "L"); ok {
			return f.basicValid(d)
		}
		if d, nth, ok := strings.Cut(v, "#"); ok {
			n, err := strconv.Atoi(nth)
			return f.basicValid(d) && err == nil && n >= 1 && n <= 5
		}
	}
	return false
}

func (f cronField) basicValid(v string) bool {
	v = f.literal(v)
	if v == "*" {
		return true
	}
	if strings.Contains(v, ",") {
		for _, item := range strings.Split(v, ",") {
			if !f.basicValid(item) {
				return false
			}
		}
		return true
	}
	if rng, step, ok := strings.Cut(v, "/"); ok {
		if _, err := strconv.ParseFloat(rng, 64); err == nil {
			return false // "5/10" is not allowed
		}
		n, err := strconv.Atoi(step)
		return f.basicValid(rng) && err == nil && n > 0
	}
	if a, b, ok := strings.Cut(v, "-"); ok {
		if strings.Contains(b, "-") {
			return false
		}
		a, b = f.literal(a), f.literal(b)
		return a != "*" && b != "*" && f.basicValid(a) && f.basicValid(b)
	}
	n, err := strconv.Atoi(v)
	return err == nil && n >= f.lo && n <= f.hi
}

// stepRange is the range of a stepped item as AbstractField::isInIncrementsOfRanges reads it:
// its bounds through PHP's (int), names not converted ("JAN" is 0), the end defaulting to the
// start.
func (f cronField) stepRange(rng string) (lo, hi int) {
	if rng == "*" {
		return f.lo, f.hi
	}
	a, b, isRange := strings.Cut(rng, "-")
	lo = phpIntPrefix(a)
	hi = lo
	if isRange {
		hi = phpIntPrefix(b)
	}
	return lo, hi
}

// stepRangesOK is the OutOfRangeException isInIncrementsOfRanges throws for a stepped range
// outside the field or backwards ("JAN-MAR/2" starts at 0): the panel catches it as an invalid
// expression.
func (f cronField) stepRangesOK(part string) bool {
	for _, item := range strings.Split(part, ",") {
		rng, _, ok := strings.Cut(item, "/")
		if !ok {
			continue
		}
		lo, hi := f.stepRange(rng)
		if lo < f.lo || lo > f.hi || lo > hi || hi > f.hi {
			return false
		}
	}
	return true
}

// phpIntPrefix is PHP's (int) of a string: its leading integer, 0 if none.
func phpIntPrefix(s string) int {
	end := 0
	if end < len(s) && (s[end] == '+' || s[end] == '-') {
		end++
	}
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	n, _ := strconv.Atoi(s[:end])
	return n
}

// matches tells whether value (the date's number for this field) satisfies one list item.
func (f cronField) matches(value int, item string) bool {
	if !strings.Contains(item, "/") {
		item = f.literal(item)
	}
	if item == "*" || item == "?" {
		return true
	}
	if rng, stepText, ok := strings.Cut(item, "/"); ok {
		step, _ := strconv.Atoi(stepText)
		lo, hi := f.stepRange(rng)
		switch {
		case step > f.hi:
			// The library's wrap-around: a step past the range picks one value.
			return value == f.lo+step%(f.hi-f.lo+1)
		case step > hi-lo:
			return value == lo
		}
		return value >= lo && value <= hi && (value-lo)%step == 0
	}
	if a, b, ok := strings.Cut(item, "-"); ok {
		lo, _ := strconv.Atoi(f.literal(a))
		hi, _ := strconv.Atoi(f.literal(b))
		return value >= lo && value <= hi
	}
	n, _ := strconv.Atoi(item)
	return value == n
}

func (f cronField) satisfied(value int, part string) bool {
	for _, item := range strings.Split(part, ",") {
		if f.matches(value, item) {
			return true
		}
	}
	return false
}

// dayMatches checks a date against the day-of-month part alone (dom) or the day-of-week part
// alone (dow).
func (e *cronExpr) dayMatches(t time.Time, dom bool) bool {
	last := time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, t.Location()).Day()
	if dom {
		p := e.parts[cronDayOfMonth]
		switch {
		case p == "L":
			return t.Day() == last
		case strings.HasSuffix(p, "W"):
			target, _ := strconv.Atoi(strings.TrimSuffix(p, "W"))
			return nearestWeekday(t, target) == t.Day()
		}
		return cronFields[cronDayOfMonth].satisfied(t.Day(), p)
	}
	p := e.parts[cronDayOfWeek]
	f := cronFields[cronDayOfWeek]
	wd := int(t.Weekday())
	if d, ok := strings.CutSuffix(p, "L"); ok && p != "L" {
		n, _ := strconv.Atoi(f.literal(d))
		return n%7 == wd && last-t.Day() < 7
	}
	if d, nth, ok := strings.Cut(p, "#"); ok {
		n, _ := strconv.Atoi(f.literal(d))
		k, _ := strconv.Atoi(nth)
		return n%7 == wd && (t.Day()-1)/7+1 == k
	}
	for _, item := range strings.Split(p, ",") {
		// 7 is Sunday as well as 0; the library reads "7-x" as "0-x" and "x-0" as "x-7".
		if a, b, ok := strings.Cut(item, "-"); ok && !strings.Contains(item, "/") {
			if a == "7" {
				a = "0"
			} else if b == "0" {
				b = "7"
			}
			item = a + "-" + b
		}
		if f.matches(wd, item) || (wd == 0 && f.matches(7, item)) {
			return true
		}
	}
	return false
}

// nearestWeekday is the weekday of t's month nearest the target day, or 0 (none).
func nearestWeekday(t time.Time, target int) int {
	last := time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, t.Location()).Day()
	if target < 1 || target > last {
		return 0
	}
	weekday := func(d int) bool {
		w := time.Date(t.Year(), t.Month(), d, 0, 0, 0, 0, t.Location()).Weekday()
		return w != time.Saturday && w != time.Sunday
	}
	if weekday(target) {
		return target
	}
	for _, off := range []int{-1, 1, -2, 2} {
		if d := target + off; d > 0 && d <= last && weekday(d) {
			return d
		}
	}
	return 0
}

// dayOK applies the OR of the two day fields when both are restricted.
func (e *cronExpr) dayOK(t time.Time) bool {
	dom, dow := e.parts[cronDayOfMonth], e.parts[cronDayOfWeek]
	switch {
	case dom != "*" && dow != "*":
		return (dom != "?" && e.dayMatches(t, true)) || (dow != "?" && e.dayMatches(t, false))
	case dom != "*":
		return e.dayMatches(t, true)
	case dow != "*":
		return e.dayMatches(t, false)
	}
	return true
}

// cronHorizon bounds the search: every expression that can match does within eight years
// (29 February included).
const cronHorizon = 8 * 366

// next returns the first matching minute after the minute of now, in now's location.
func (e *cronExpr) next(now time.Time) (time.Time, error) {
	start := now.Truncate(time.Minute).Add(time.Minute)
	day := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, start.Location())
	for i := 0; i < cronHorizon; i++ {
		d := day.AddDate(0, 0, i)
		if !cronFields[cronMonth].satisfied(int(d.Month()), e.parts[cronMonth]) || !e.dayOK(d) {
			continue
		}
		for h := 0; h < 24; h++ {
			if !cronFields[cronHour].satisfied(h, e.parts[cronHour]) {
				continue
			}
			for m := 0; m < 60; m++ {
				t := time.Date(d.Year(), d.Month(), d.Day(), h, m, 0, 0, d.Location())
				if !t.Before(start) && cronFields[cronMinute].satisfied(m, e.parts[cronMinute]) {
					return t, nil
				}
			}
		}
	}
	return time.Time{}, errBadCron
}
