import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { AlertLevelHandle } from './AlertLevelHandle.tsx';

/** The handle over a 400 px price pane from 4,000 (top) to 3,000 (bottom), with a field typed into as the editor has it. */
function Harness() {
  const [level, setLevel] = useState(3648);
  const toY = (price: number) => ((4000 - price) / 1000) * 400;
  return (
    <div>
      <label>
        Level
        <input value={String(level)} onChange={(e) => setLevel(Number(e.target.value))} />
      </label>
      <AlertLevelHandle level={level} y={toY(level)} paneHeight={400} toPrice={(y) => 4000 - (y / 400) * 1000} onChange={setLevel} />
    </div>
  );
}

describe('the alert line’s handle', () => {
  it('is a slider on the line: arrow keys move it a tick, Shift ten, and the field follows', async () => {
    render(<Harness />);
    const handle = screen.getByRole('slider', { name: 'Alert level' });
    expect(handle.style.top).toBe(`${((4000 - 3648) / 1000) * 400}px`);
    handle.focus();
    await userEvent.keyboard('{ArrowUp}');
    expect(handle.getAttribute('aria-valuenow')).toBe('3649');
    await userEvent.keyboard('{Shift>}{ArrowDown}{/Shift}');
    expect(handle.getAttribute('aria-valuetext')).toBe('3,639.00');
    expect((screen.getByLabelText('Level') as HTMLInputElement).value).toBe('3639');
  });

  it('follows a typed level', async () => {
    render(<Harness />);
    const field = screen.getByLabelText('Level');
    await userEvent.clear(field);
    await userEvent.type(field, '3900');
    expect(screen.getByRole('slider').style.top).toBe('40px');
  });

  it('turns a drag into the price under the pointer, and only while the pointer is down', () => {
    render(<Harness />);
    const handle = screen.getByRole('slider');
    // jsdom lays nothing out: the pane's top is at 0, so clientY is the pane's y.
    fireEvent.pointerMove(handle, { clientY: 100, pointerId: 1 });
    expect(handle.getAttribute('aria-valuenow')).toBe('3648');
    fireEvent.pointerDown(handle, { clientY: 140, pointerId: 1 });
    fireEvent.pointerMove(handle, { clientY: 100, pointerId: 1 });
    expect(handle.getAttribute('aria-valuenow')).toBe('3750');
    fireEvent.pointerMove(handle, { clientY: -30, pointerId: 1 });
    expect(handle.getAttribute('aria-valuenow')).toBe('4000');
    fireEvent.pointerUp(handle, { clientY: -30, pointerId: 1 });
    fireEvent.pointerMove(handle, { clientY: 300, pointerId: 1 });
    expect(handle.getAttribute('aria-valuenow')).toBe('4000');
  });
});
