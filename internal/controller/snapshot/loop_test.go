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

package snapshot

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

// changes collects what a collection reports as changed.
type changes struct {
	mu  sync.Mutex
	ids [][]int
}

func (c *changes) record(ids []int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ids = append(c.ids, slices.Sorted(slices.Values(ids)))
}

func (c *changes) all() [][]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.ids)
}

// eventually polls cond until it holds or 10 seconds pass.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
	}
}

func TestAWriteAnswerIsKeptWithoutARead(t *testing.T) {
	f, clk := panelWith(2), &clock{now: time.Unix(0, 0)}
	c := newCollection(f, clk)
	ctx := context.Background()
	if _, err := c.Read(ctx, 1); err != nil {
		t.Fatal(err)
	}
	f.set(item{id: 1, version: "v2"})
	c.Wrote(&item{id: 1, version: "v2"})
	if got, err := c.Read(ctx, 1); err != nil || got.version != "v2" || f.gets.Load() != 0 || f.lists.Load() != 1 {
		t.Fatalf("after a write: %+v, %v with %d gets, %d lists; want the answer, no request", got, err, f.gets.Load(), f.lists.Load())
	}

	// A list that began before the next write holds the object as it was; the answer stays.
	old, _ := f.list(ctx)
	f.lists.Store(0)
	c.List = func(context.Context) ([]item, error) {
		clk.advance(time.Second)
		f.set(item{id: 1, version: "v3"})
		c.Wrote(&item{id: 1, version: "v3"})
		return old, nil
	}
	clk.advance(2 * time.Minute)
	if got, err := c.Read(ctx, 1); err != nil || got.version != "v3" {
		t.Fatalf("got %+v, %v; want the write's answer over the older list", got, err)
	}
}

func TestAListReportsWhatChangedAppearedAndVanished(t *testing.T) {
	f, clk := panelWith(3), &clock{now: time.Unix(0, 0)}
	c := newCollection(f, clk)
	got := &changes{}
	c.Changed = got.record
	ctx := context.Background()
	if _, err := c.Read(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if len(got.all()) != 0 {
		t.Fatalf("the first list reported %v; nothing was compared yet", got.all())
	}
	f.set(item{id: 1, version: "v2"}) // changed
	f.mu.Lock()
	delete(f.items, 2) // deleted in the panel
	f.mu.Unlock()
	f.set(item{id: 9, version: "v1"}) // created in the panel
	clk.advance(2 * time.Minute)
	if _, err := c.Read(ctx, 3); err != nil {
		t.Fatal(err)
	}
	if want := [][]int{{1, 2, 9}}; !slices.EqualFunc(got.all(), want, slices.Equal) {
		t.Fatalf("changes %v, want %v (object 3 is unchanged)", got.all(), want)
	}
}

func TestTheLoopListsEveryIntervalWithoutReaders(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f := panelWith(2)
	got := &changes{}
	c := &Collection[item]{List: f.list, Get: f.get, ID: func(i *item) int { return i.id }, Settings: Settings{
		MaxAge: time.Hour, Background: ctx, Every: 20 * time.Millisecond, Changed: got.record}}
	if _, err := c.Read(ctx, 1); err != nil { // starts the loop
		t.Fatal(err)
	}
	f.set(item{id: 2, version: "v2"})
	eventually(t, "the loop finds the change without a read", func() bool { return len(got.all()) > 0 })
	if want := []int{2}; !slices.Equal(got.all()[0], want) {
		t.Fatalf("changes %v, want %v", got.all(), want)
	}
	cancel()
	n := f.lists.Load()
	eventually(t, "the loop stops with its context", func() bool {
		time.Sleep(50 * time.Millisecond) // a period in which a live loop would list twice
		return f.lists.Load() == n
	})
}

func TestAnAwaitedObjectIsListedSoonerUntilItChanges(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f := panelWith(2)
	got := &changes{}
	c := &Collection[item]{List: f.list, Get: f.get, ID: func(i *item) int { return i.id }, Settings: Settings{
		MaxAge: time.Hour, Background: ctx, Every: time.Hour, AwaitBudget: rate.NewLimiter(100, 1), Changed: got.record}}
	if _, err := c.Read(ctx, 1); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the first list", func() bool { return f.lists.Load() == 1 })

	c.Await(1, time.Now().Add(time.Minute))
	eventually(t, "lists as the await budget allows (100 a second) while object 1 is awaited", func() bool { return f.lists.Load() >= 4 })
	f.set(item{id: 1, version: "v2"}) // the install finished
	eventually(t, "the change is reported", func() bool { return len(got.all()) > 0 })
	n := f.lists.Load()
	time.Sleep(100 * time.Millisecond) // a period in which an awaiting loop would list ten times
	if m := f.lists.Load(); m > n+1 {
		t.Fatalf("%d lists after the awaited object changed; the loop should wait for Every", m-n)
	}
}

func TestAnAwaitExpires(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f := panelWith(1)
	c := &Collection[item]{List: f.list, Get: f.get, ID: func(i *item) int { return i.id }, Settings: Settings{
		MaxAge: time.Hour, Background: ctx, Every: time.Hour, AwaitBudget: rate.NewLimiter(100, 1)}}
	if _, err := c.Read(ctx, 1); err != nil {
		t.Fatal(err)
	}
	c.Await(1, time.Now().Add(50*time.Millisecond))
	eventually(t, "the await expires and the loop waits for Every", func() bool {
		n := f.lists.Load()
		time.Sleep(50 * time.Millisecond)
		return f.lists.Load() == n
	})
}
