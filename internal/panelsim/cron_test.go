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
	"testing"
	"time"
)

// The evaluator against what dragonmantank/cron-expression 3.4 answers, from its source.
func TestCronNextRun(t *testing.T) {
	tue := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC) // a Tuesday
	cases := []struct {
		expr [5]string
		from time.Time
		want string // "" means refused
	}{
		{[5]string{"4", "3", "*", "*", "*"}, tue, "2024-01-03T03:04"}, // the current minute is skipped
		{[5]string{"*/20", "*", "*", "*", "*"}, tue, "2024-01-02T03:20"},
		{[5]string{"10-20/5", "*", "*", "*", "*"}, tue, "2024-01-02T03:10"},
		{[5]string{"*/75", "*", "*", "*", "*"}, tue, "2024-01-02T03:15"},     // a step past the field: 75 % 60
		{[5]string{"40-50/30", "*", "*", "*", "*"}, tue, "2024-01-02T03:40"}, // a step past the range: its start
		{[5]string{"0", "0", "*", "*", "FRI"}, tue, "2024-01-05T00:00"},
		{[5]string{"0", "0", "*", "*", "5-0"}, tue, "2024-01-05T00:00"}, // 0 as the end is 7
		{[5]string{"0", "0", "*", "*", "5L"}, tue, "2024-01-26T00:00"},  // the last Friday
		{[5]string{"0", "0", "*", "*", "2#1"}, tue, "2024-02-06T00:00"}, // today is the first Tuesday, but 00:00 has passed
		{[5]string{"0", "9", "*", "*", "2#1"}, tue, "2024-01-02T09:00"},
		{[5]string{"0", "0", "6W", "*", "*"}, tue, "2024-01-05T00:00"},  // the 6th is a Saturday
		{[5]string{"0", "0", "1", "*", "MON"}, tue, "2024-01-08T00:00"}, // the 1st or a Monday
		{[5]string{"0", "0", "?", "*", "MON"}, tue, "2024-01-08T00:00"},
		{[5]string{"0", "0", "1", "JAN,MAR", "*"}, tue, "2024-03-01T00:00"},
		{[5]string{"0", "0", "31", "4", "*"}, tue, ""}, // never
		{[5]string{"0", "0", "*", "JAN-MAR/2", "*"}, tue, ""},
		{[5]string{"5/10", "*", "*", "*", "*"}, tue, ""},
		{[5]string{"*/0", "*", "*", "*", "*"}, tue, ""},
		{[5]string{"1-2-3", "*", "*", "*", "*"}, tue, ""},
		{[5]string{"?", "*", "*", "*", "*"}, tue, ""},
		{[5]string{"*", "*", "L,5", "*", "*"}, tue, ""},
		{[5]string{"*", "*", "*", "*", "L"}, tue, ""},
		{[5]string{"*", "*", "*", "*", "1#6"}, tue, ""},
		{[5]string{"*", "*", "*", "13", "*"}, tue, ""},
	}
	for _, c := range cases {
		e, err := parseCron(c.expr[0], c.expr[1], c.expr[2], c.expr[3], c.expr[4])
		got := ""
		if err == nil {
			var next time.Time
			if next, err = e.next(c.from); err == nil {
				got = next.Format("2006-01-02T15:04")
			}
		}
		if got != c.want {
			t.Errorf("%v from %s: %q (%v), want %q", c.expr, c.from.Format(time.RFC3339), got, err, c.want)
		}
	}
}

// FuzzCron: any five fields parse or are refused, and a parsed expression yields a minute that
// is after the start and that the expression matches again when asked from just before it.
func FuzzCron(f *testing.F) {
	for _, seed := range [][5]string{{"*/5", "1-3", "L", "JAN", "5L"}, {"0", "0", "15W", "*", "1#3"}, {"1,2", "*/30", "?", "*", "MON-FRI"}} {
		f.Add(seed[0], seed[1], seed[2], seed[3], seed[4])
	}
	start := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	f.Fuzz(func(t *testing.T, minute, hour, dom, month, dow string) {
		e, err := parseCron(minute, hour, dom, month, dow)
		if err != nil {
			return
		}
		next, err := e.next(start)
		if err != nil {
			return
		}
		if !next.After(start) || next.Second() != 0 {
			t.Fatalf("%q: next %s from %s", e.parts, next, start)
		}
		if again, err := e.next(next.Add(-time.Minute)); err != nil || !again.Equal(next) {
			t.Fatalf("%q: from a minute before %s: %s %v", e.parts, next, again, err)
		}
	})
}
