def define_env(env):
    pass


def on_post_page_macros(env):
    pass
