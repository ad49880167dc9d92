import type { ComponentChildren } from 'preact';
import { navigate } from './router';

type Props = {
  href: string;
  children: ComponentChildren;
  class?: string;
  'aria-current'?: 'page' | 'step' | 'location' | 'true';
};

/** An ordinary link (works with middle-click, copy link, no JS) that navigates in-app. */
export function Link({ href, children, ...rest }: Props) {
  const onClick = (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
