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
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

type item struct {
	id      int
	version string
}

// fakePanel lists and gets items and counts each kind of request.
type fakePanel struct {
	mu    sync.Mutex
	items map[int]item
	lists atomic.Int32
	gets  atomic.Int32
	// listing, when set, is closed by the test to let a list finish.
	listing chan struct{}
	listErr error
}

func (f *fakePanel) list(context.Context) ([]item, error) {
	f.lists.Add(1)
	if f.listing != nil {
		<-f.listing
	}
	if f.listErr != nil {
		return nil, f.listErr
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]item, 0, len(f.items))
	for _, it := range f.items {
		out = append(out, it)
	}
	return out, nil
}

var errNotFound = errors.New("404")

func (f *fakePanel) get(_ context.Context, id int) (*item, error) {
	f.gets.Add(1)
	f.mu.Lock()
	defer f.mu.Unlock()
	it, ok := f.items[id]
	if !ok {
		return nil, errNotFound
	}
	return &it, nil
}

func (f *fakePanel) set(it item) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.items[it.id] = it
}

type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func newCollection(f *fakePanel, clk *clock) *Collection[item] {
	return &Collection[item]{List: f.list, Get: f.get, ID: func(i *item) int { return i.id }, Settings: Settings{MaxAge: time.Minute, Now: clk.Now}}
}

func panelWith(n int) *fakePanel {
	f := &fakePanel{items: map[int]item{}}
	for i := 1; i <= n; i++ {
		f.items[i] = item{id: i, version: "v1"}
	}
	return f
}

func TestManyReadersShareOneList(t *testing.T) {
	f, clk := panelWith(1000), &clock{now: time.Unix(0, 0)}
	c := newCollection(f, clk)
	f.listing = make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, 1000)
	for id := 1; id <= 1000; id++ {
		wg.Go(func() {
			got, err := c.Read(context.Background(), id)
			if err == nil && got.id != id {
				err = errors.New("wrong item")
			}
			if err != nil {
				errs <- err
			}
		})
	}
	// Let the readers pile up on the one list under way, then let it finish.
	for deadline := time.Now().Add(10 * time.Second); f.lists.Load() == 0; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("no list started")
		}
	}
	close(f.listing)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if l, g := f.lists.Load(), f.gets.Load(); l != 1 || g != 0 {
		t.Fatalf("1000 readers made %d lists and %d gets; want 1 list, 0 gets", l, g)
	}
	if _, size, refreshes := c.Stats(); size != 1000 || refreshes != 1 {
		t.Fatalf("Stats: size %d, refreshes %d", size, refreshes)
	}
}

func TestTheCopyIsRefreshedOncePerMaxAge(t *testing.T) {
	f, clk := panelWith(3), &clock{now: time.Unix(0, 0)}
	c := newCollection(f, clk)
	ctx := context.Background()
	if _, err := c.Read(ctx, 1); err != nil {
		t.Fatal(err)
	}
	f.set(item{id: 1, version: "v2"}) // changed in the panel
	clk.advance(30 * time.Second)
	if got, _ := c.Read(ctx, 1); got.version != "v1" || f.lists.Load() != 1 {
		t.Fatalf("within MaxAge: %+v after %d lists; want the copy", got, f.lists.Load())
	}
	clk.advance(31 * time.Second)
	if got, _ := c.Read(ctx, 1); got.version != "v2" || f.lists.Load() != 2 {
		t.Fatalf("after MaxAge: %+v after %d lists; want a new list", got, f.lists.Load())
	}
	if age, _, _ := c.Stats(); age != 0 {
		t.Fatalf("age after a refresh = %v", age)
	}
}

func TestAnObjectTheCopyLacksCostsOneGet(t *testing.T) {
	f, clk := panelWith(2), &clock{now: time.Unix(0, 0)}
	c := newCollection(f, clk)
	ctx := context.Background()
	if _, err := c.Read(ctx, 1); err != nil {
		t.Fatal(err)
	}
	f.set(item{id: 7, version: "v1"}) // created since the list
	for range 3 {
		if got, err := c.Read(ctx, 7); err != nil || got.id != 7 {
			t.Fatalf("got %+v, %v", got, err)
		}
	}
	if g := f.gets.Load(); g != 1 {
		t.Fatalf("%d gets for an object created after the list; want 1, then the copy", g)
	}
	if _, err := c.Read(ctx, 99); !errors.Is(err, errNotFound) {
		t.Fatalf("an object in neither: err %v, want the get's 404", err)
	}
}

func TestAWrittenObjectIsReadFresh(t *testing.T) {
	f, clk := panelWith(2), &clock{now: time.Unix(0, 0)}
	c := newCollection(f, clk)
	ctx := context.Background()
	if _, err := c.Read(ctx, 1); err != nil {
		t.Fatal(err)
	}
	f.set(item{id: 1, version: "v2"})
	c.Forget(1)
	if got, _ := c.Read(ctx, 1); got.version != "v2" || f.gets.Load() != 1 {
		t.Fatalf("after a write: %+v with %d gets", got, f.gets.Load())
	}
}

// A list that started before a write may hold the object as it was; it must not bring that back.
func TestAListUnderWayDuringAWriteDoesNotRestoreTheOldObject(t *testing.T) {
	f, clk := panelWith(2), &clock{now: time.Unix(0, 0)}
	c := newCollection(f, clk)
	ctx := context.Background()
	old, _ := f.list(ctx) // what the slow list will return: the object before the write
	f.lists.Store(0)
	c.List = func(context.Context) ([]item, error) {
		f.lists.Add(1)
		clk.advance(time.Second) // the write lands while the pages are read
		f.set(item{id: 1, version: "v2"})
		c.Forget(1)
		return old, nil
	}
	if got, err := c.Read(ctx, 1); err != nil || got.version != "v2" {
		t.Fatalf("got %+v, %v; want the written object, read fresh", got, err)
	}
}

func TestAFailedListIsReturnedAndRetried(t *testing.T) {
	f, clk := panelWith(1), &clock{now: time.Unix(0, 0)}
	c := newCollection(f, clk)
	boom := errors.New("502")
	f.listErr = boom
	if _, err := c.Read(context.Background(), 1); !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	f.listErr = nil
	if _, err := c.Read(context.Background(), 1); err != nil || f.lists.Load() != 2 {
		t.Fatalf("after the panel recovered: %v, %d lists", err, f.lists.Load())
	}
}

func TestACollectionWithoutListIsPerObjectObservation(t *testing.T) {
	f := panelWith(1)
	c := &Collection[item]{Get: f.get, ID: func(i *item) int { return i.id }}
	for range 2 {
		if _, err := c.Read(context.Background(), 1); err != nil {
			t.Fatal(err)
		}
	}
	c.Forget(1)
	if f.gets.Load() != 2 || f.lists.Load() != 0 {
		t.Fatalf("%d gets, %d lists", f.gets.Load(), f.lists.Load())
	}
}

func TestAFailedWriteIsReadAgainAndAnAnsweredOneIsNot(t *testing.T) {
	f, clk := panelWith(2), &clock{now: time.Unix(0, 0)}
	c := newCollection(f, clk)
	ctx := context.Background()
	if _, err := c.Read(ctx, 1); err != nil {
		t.Fatal(err)
	}
	c.Answered(1, &item{id: 1, version: "v2"}, nil)
	if got, _ := c.Read(ctx, 1); got.version != "v2" || f.gets.Load() != 0 {
		t.Fatalf("after an answered write: %+v with %d gets; want the answer, no request", got, f.gets.Load())
	}
	f.set(item{id: 2, version: "v2"}) // the write landed, though its answer was an error
	c.Answered(2, nil, errors.New("timeout"))
	if got, _ := c.Read(ctx, 2); got.version != "v2" || f.gets.Load() != 1 {
		t.Fatalf("after a failed write: %+v with %d gets; want it read again", got, f.gets.Load())
	}
}
