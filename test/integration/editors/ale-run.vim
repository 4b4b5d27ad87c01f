" Headless ALE run for test/integration/vim-ale.test:
"   vim -N -u NONE -i NONE -n -es -S ale-run.vim FILE
" Loads Debian's vim-ale and the settings of docs/examples/context-tidy-ale.vim,
" overridden by $CT_EXE, $CT_CHECKS, $CT_EXTRA, $CT_BUILD_DIR when set
" (g:ale_c_build_dir: the test project lies inside this repository's build
" tree, where ALE would find the nearer compile_commands.json of
" build/llvm-N first), lints FILE, waits
" for ALE and writes the commands it ran and its loclist to $CT_OUT.
let &runtimepath = '/usr/share/vim-ale,' . &runtimepath . ',/usr/share/vim-ale/after'
filetype plugin on
" -u NONE loads no plugin: load ALE's.
runtime plugin/ale.vim
execute 'source ' . fnameescape($CT_SETTINGS)
let g:ale_linters_explicit = 1
if !empty($CT_EXE) | let g:ale_cpp_clangtidy_executable = $CT_EXE | endif
if !empty($CT_CHECKS) | let g:ale_cpp_clangtidy_checks = split($CT_CHECKS, ',') | endif
if !empty($CT_EXTRA) | let g:ale_cpp_clangtidy_extra_options = $CT_EXTRA | endif
if !empty($CT_BUILD_DIR) | let g:ale_c_build_dir = $CT_BUILD_DIR | endif
let g:ale_history_log_output = 1
" The file was opened before the settings above: lint it now.
edit!
ALELint
let s:n = 0
while s:n < 1200
  sleep 100m
  let s:n += 1
  if s:n > 5 && !ale#engine#IsCheckingBuffer(bufnr(''))
    break
  endif
endwhile
let s:out = []
for s:h in ale#history#Get(bufnr(''))
  let s:cmd = type(s:h.command) == v:t_list ? join(s:h.command) : s:h.command
  if s:cmd =~# ' -checks='
    call add(s:out, 'command: ' . s:cmd)
  endif
endfor
for s:e in ale#engine#GetLoclist(bufnr(''))
  call add(s:out, printf('%s:%d:%d: %s: %s', fnamemodify(bufname(s:e.bufnr), ':t'),
        \ s:e.lnum, s:e.col, s:e.type, s:e.text))
endfor
call add(s:out, 'done after ' . s:n . ' waits')
call writefile(s:out, $CT_OUT)
qa!
